package io.atrium.video.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.atrium.api.ApiPage;
import io.atrium.testsupport.RepositoryTest;
import io.atrium.testsupport.Rows;
import io.atrium.video.TaskStatus;
import io.atrium.video.VideoFilter;
import io.atrium.video.VideoSummary;

/**
 * Pages of an index's videos as the API reads them ({@link VideoPages} over {@link VideoRepository#page}: from the
 * nearest end of the list or the nearest mark this node took on the same version of the list, the offset walked in the
 * index only) are the pages of the whole list sorted in Java, for both sort fields and directions, every page and the
 * ones past the end, with and without a user-metadata filter, read in any order and between changes to the list;
 * totals come from the index's count or the metadata index and are exact. Videos are added and removed through the
 * repository, as the application does.
 */
@RepositoryTest
@Import({VideoRepository.class, VideoPages.class})
class VideoRepositoryPagesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String LONG = "x".repeat(MetadataKeys.LENGTH - 1) + "-a long value that no B-tree entry holds";

    record Video(String id, Instant createdAt, Instant updatedAt, Map<String, String> metadata) {
    }

    @Autowired
    VideoRepository videos;
    @Autowired
    VideoPages pages;
    @Autowired
    JdbcClient jdbc;

    private final List<Video> listed = new ArrayList<>();
    private Rows rows;

    @BeforeEach
    void rows() {
        rows = new Rows(jdbc, T0);
        rows.account("acc_a");
        rows.account("acc_b");
        rows.index("idx_a", "acc_a");
        rows.index("idx_b", "acc_b");
        for (int i = 0; i < 23; i++) {
            // creation times come in threes (the id breaks the tie); updates in another order
            Instant created = T0.plusSeconds(i / 3);
            Instant updated = T0.plusSeconds((i * 7) % 23);
            Map<String, String> metadata = i % 3 == 0 ? Map.of("team", "red") : Map.of("team", "blue");
            if (i == 4) {
                metadata = Map.of("team", "red", "note", LONG);
            }
            if (i == 5) {
                // the first characters of LONG, and a key of their own: no filter for one finds the other
                metadata = Map.of("note", LONG.substring(0, MetadataKeys.LENGTH - 2));
            }
            if (i == 6) {
                metadata = Map.of("team", "red", "price", "5");
            }
            Video video = new Video("v%02d".formatted((i * 11) % 23), created, updated, metadata);
            add("acc_a", "idx_a", video);
            listed.add(video);
        }
        // another account's videos: one in its own index, one naming this index (no API can make that one)
        add("acc_b", "idx_b", new Video("w01", T0, T0, Map.of("team", "red")));
        add("acc_b", "idx_a", new Video("w02", T0, T0, Map.of("team", "red")));
    }

    @Test
    void everyPageIsThePageOfTheSortedListFromWhicheverEndItIsRead() {
        for (String sortBy : List.of("created_at", "updated_at")) {
            for (boolean descending : List.of(true, false)) {
                for (int limit : List.of(1, 4, 5, 23, 50)) {
                    expectPages(VideoFilter.NONE, listed, sortBy, descending, limit);
                    expectPages(metadata(Map.of("team", "red")), matching("team", "red"), sortBy, descending, limit);
                }
            }
        }
    }

    @Test
    void pagesReadInAnyOrderBetweenChangesAreThePagesOfTheListAsItIsThen() {
        Random random = new Random(16);
        int next = 100;
        for (int round = 0; round < 40; round++) {
            // pages of every version of the list, in a random order, so that marks are taken and used out of order
            for (int read = 0; read < 12; read++) {
                String sortBy = random.nextBoolean() ? "created_at" : "updated_at";
                int limit = 1 + random.nextInt(6);
                boolean red = random.nextInt(3) == 0;
                List<Video> all = red ? matching("team", "red") : listed;
                int page = 1 + random.nextInt((all.size() + limit - 1) / limit + 1);
                expectPage(red ? metadata(Map.of("team", "red")) : VideoFilter.NONE, all, sortBy, random.nextBoolean(),
                        limit, page);
            }
            switch (random.nextInt(3)) {
                case 0 -> {
                    Video video = new Video("n%03d".formatted(next++), T0.plusSeconds(random.nextInt(20)),
                            T0.plusSeconds(random.nextInt(30)), Map.of("team", random.nextBoolean() ? "red" : "blue"));
                    add("acc_a", "idx_a", video);
                    listed.add(video);
                }
                case 1 -> {
                    Video gone = listed.remove(random.nextInt(listed.size()));
                    assertThat(videos.delete("acc_a", "idx_a", gone.id())).isTrue();
                }
                default -> {
                    // a metadata change moves the video in the updated_at order and in or out of a filter
                    int at = random.nextInt(listed.size());
                    Video old = listed.get(at);
                    Video changed = new Video(old.id(), old.createdAt(), T0.plusSeconds(30 + round),
                            Map.of("team", old.metadata().containsValue("red") ? "blue" : "red"));
                    videos.updateMetadata("acc_a", "idx_a", old.id(), null, changed.metadata(), changed.updatedAt());
                    listed.set(at, changed);
                }
            }
        }
    }

    @Test
    void aValueReadThroughItsMetadataEntriesGivesThePagesOfTheSortedList() {
        for (Map.Entry<String, String> value : List.of(Map.entry("team", "red"), Map.entry("note", LONG))) {
            VideoFilter filter = metadata(Map.ofEntries(value));
            List<Video> all = matching(value.getKey(), value.getValue());
            for (String sortBy : List.of("created_at", "updated_at")) {
                for (boolean descending : List.of(true, false)) {
                    List<Video> sorted = sorted(all, sortBy, descending);
                    for (int offset = 0; offset <= sorted.size(); offset++) {
                        // from the start, and from a mark: the row at the offset
                        VideoRepository.ListMark mark = offset == sorted.size() ? null : new VideoRepository.ListMark(
                                time(sortBy).apply(sorted.get(offset)), sorted.get(offset).id());
                        List<String> expected = sorted.subList(offset, Math.min(offset + 4, sorted.size())).stream()
                                .map(Video::id).toList();
                        String what = value + " " + sortBy + (descending ? " desc" : " asc") + " offset " + offset;
                        assertThat(videos.page("acc_a", "idx_a", filter, new VideoRepository.Slice(sortBy, descending,
                                null, 4, offset, true))).as(what).extracting(VideoSummary::id)
                                .containsExactlyElementsOf(expected);
                        if (mark != null) {
                            assertThat(videos.page("acc_a", "idx_a", filter, new VideoRepository.Slice(sortBy,
                                    descending, mark, 4, 0, true))).as(what + " from its mark")
                                    .extracting(VideoSummary::id).containsExactlyElementsOf(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void countsAreExactAndFollowEveryVideoAddedOrRemoved() {
        assertThat(videos.count("acc_a", "idx_a", VideoFilter.NONE)).isEqualTo(23);
        assertThat(videos.count("acc_a", "idx_a", metadata(Map.of("team", "red")))).isEqualTo(9);
        assertThat(videos.count("acc_b", "idx_b", VideoFilter.NONE)).isEqualTo(1);

        assertThat(videos.delete("acc_a", "idx_a", "v00")).isTrue();
        assertThat(videos.delete("acc_a", "idx_a", "v00")).isFalse();
        assertThat(videos.delete("acc_b", "idx_a", "v01")).isFalse();
        // a task resumed after a crash finds its video there already: it is not counted twice
        assertThat(videos.insertIfAbsent(task("acc_a", "idx_a", "v01", null), Map.of(), T0)).isFalse();
        insertAsset("acc_a", "idx_a", "v90", "asset1");
        rows.index("idx_a2", "acc_a");
        insertAsset("acc_a", "idx_a2", "v91", "asset1");
        assertThat(videos.count("acc_a", "idx_a", VideoFilter.NONE)).isEqualTo(23);
        assertThat(videos.count("acc_a", "idx_a2", VideoFilter.NONE)).isEqualTo(1);
        videos.updateMetadata("acc_a", "idx_a", "v01", "{\"team\":\"red\"}", Map.of("team", "red"), T0);
        assertThat(videos.count("acc_a", "idx_a", VideoFilter.NONE)).isEqualTo(23);
        videos.deleteOfAsset("acc_a", "asset1");

        assertThat(videos.count("acc_a", "idx_a", VideoFilter.NONE)).isEqualTo(22).isEqualTo(rows("acc_a", "idx_a"));
        assertThat(videos.count("acc_a", "idx_a2", VideoFilter.NONE)).isZero();
        assertThat(videos.count("acc_a", "idx_a", metadata(Map.of("team", "red")))).isEqualTo(8);
        assertThat(videos.count("acc_b", "idx_b", VideoFilter.NONE)).isEqualTo(1);
        assertThat(videos.count("acc_b", "idx_a", VideoFilter.NONE)).isZero();
    }

    @Test
    void longValuesAndNumbersMatchExactlyThroughTheirKeys() {
        assertThat(ids(metadata(Map.of("note", LONG)))).containsExactly(id(4));
        assertThat(videos.count("acc_a", "idx_a", metadata(Map.of("note", LONG)))).isEqualTo(1);
        String prefix = LONG.substring(0, MetadataKeys.LENGTH - 2);
        assertThat(ids(metadata(Map.of("note", prefix)))).containsExactly(id(5));
        assertThat(videos.count("acc_a", "idx_a", metadata(Map.of("note", prefix)))).isEqualTo(1);
        assertThat(ids(metadata(Map.of("note", LONG.substring(0, MetadataKeys.LENGTH))))).isEmpty();
        assertThat(ids(metadata(Map.of("note", LONG + "!")))).isEmpty();
        assertThat(videos.count("acc_a", "idx_a", metadata(Map.of("note", LONG + "!")))).isZero();
        assertThat(ids(metadata(Map.of("price", "5.0")))).containsExactly(id(6));
        assertThat(videos.count("acc_a", "idx_a", metadata(Map.of("price", "5.00")))).isEqualTo(1);
        assertThat(ids(metadata(Map.of("team", "red", "price", "5")))).containsExactly(id(6));
        assertThat(videos.count("acc_a", "idx_a", metadata(Map.of("team", "red", "price", "5")))).isEqualTo(1);
    }

    @Test
    void aKeyNeverSplitsAPairOfUtf16Units() {
        String clef = "\uD834\uDD1E";
        String value = "y".repeat(MetadataKeys.LENGTH - 1) + clef + "z";
        assertThat(MetadataKeys.of(value)).isEqualTo("y".repeat(MetadataKeys.LENGTH - 1));
        assertThat(MetadataKeys.of("short")).isEqualTo("short");
        insertAsset("acc_a", "idx_a", "v92", "asset2");
        videos.updateMetadata("acc_a", "idx_a", "v92", null, Map.of("clef", value), T0);
        assertThat(ids(metadata(Map.of("clef", value)))).containsExactly("v92");
    }

    private void expectPages(VideoFilter filter, List<Video> all, String sortBy, boolean descending, int limit) {
        int pages = (all.size() + limit - 1) / limit;
        for (int page = 1; page <= pages + 2; page++) {
            expectPage(filter, all, sortBy, descending, limit, page);
        }
    }

    private void expectPage(VideoFilter filter, List<Video> all, String sortBy, boolean descending, int limit, int page) {
        List<String> sorted = sorted(all, sortBy, descending).stream().map(Video::id).toList();
        ApiPage<VideoSummary> read = pages.read("acc_a", "idx_a", filter, new ApiPage.Request(page, limit, sortBy,
                descending));
        List<String> expected = sorted.subList(Math.min((page - 1) * limit, sorted.size()),
                Math.min(page * limit, sorted.size()));
        String what = filter + " " + sortBy + (descending ? " desc" : " asc") + " page " + page + " of " + limit;
        assertThat(read.data()).as(what).extracting(VideoSummary::id).containsExactlyElementsOf(expected);
        assertThat(read.pageInfo().totalResults()).as(what).isEqualTo(sorted.size());
        assertThat(read.pageInfo().totalPage()).as(what).isEqualTo((sorted.size() + limit - 1) / limit);
    }

    /** The videos in the order asked for, then by id, as the lists sort them. */
    private static List<Video> sorted(List<Video> videos, String sortBy, boolean descending) {
        Comparator<Video> order = Comparator.comparing(time(sortBy)).thenComparing(Video::id);
        return videos.stream().sorted(descending ? order.reversed() : order).toList();
    }

    private static Function<Video, Instant> time(String sortBy) {
        return sortBy.equals("created_at") ? Video::createdAt : Video::updatedAt;
    }

    private List<Video> matching(String name, String value) {
        return listed.stream().filter(video -> value.equals(video.metadata().get(name))).toList();
    }

    private String id(int i) {
        return listed.get(i).id();
    }

    private List<String> ids(VideoFilter filter) {
        return videos.page("acc_a", "idx_a", filter, VideoRepository.Slice.first("created_at", false, 50)).stream()
                .map(VideoSummary::id).toList();
    }

    private long rows(String accountId, String indexId) {
        return jdbc.sql("select count(*) from videos where account_id = :a and index_id = :i")
                .param("a", accountId).param("i", indexId).query(Long.class).single();
    }

    private static VideoFilter metadata(Map<String, String> metadata) {
        return new VideoFilter(null, List.of(), metadata, Map.of());
    }

    private void add(String accountId, String indexId, Video video) {
        TaskRow task = new TaskRow("t" + video.id(), accountId, indexId, video.id(), TaskStatus.READY, null, null,
                video.id() + ".mp4", null, 1000, 10.0, 25.0, 640, 360, true, null, video.createdAt(), video.createdAt(),
                null, null, null);
        assertThat(videos.insertIfAbsent(task, video.metadata(), video.updatedAt())).isTrue();
    }

    private void insertAsset(String accountId, String indexId, String videoId, String assetId) {
        assertThat(videos.insertIfAbsent(task(accountId, indexId, videoId, assetId), Map.of(), T0)).isTrue();
    }

    private static TaskRow task(String accountId, String indexId, String videoId, String assetId) {
        return new TaskRow("t" + videoId, accountId, indexId, videoId, TaskStatus.READY, null, null, "clip.mp4", null,
                1000, 10.0, 25.0, 640, 360, true, null, T0, T0, null, null, assetId);
    }
}
