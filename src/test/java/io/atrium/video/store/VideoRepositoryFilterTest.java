package io.atrium.video.store;

import static io.atrium.shared.SqlTime.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.atrium.testsupport.RepositoryTest;
import io.atrium.testsupport.Rows;
import io.atrium.video.VideoFilter;
import io.atrium.video.VideoFilter.Comparison;
import io.atrium.video.VideoFilter.NumberCondition;
import io.atrium.video.VideoSummary;

/**
 * The SQL of a video list ({@link VideoRepository#page} and {@link VideoRepository#count} with their
 * {@code Where}): rows go straight into the tables, then each filter, the sort and the paging are checked, and
 * another account's rows never appear, not even when they name this account's index or video.
 */
@RepositoryTest
@Import(VideoRepository.class)
class VideoRepositoryFilterTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DAY2 = T0.plus(Duration.ofDays(1));

    @Autowired
    VideoRepository videos;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void rows() {
        Rows rows = new Rows(jdbc, T0);
        rows.account("acc_a");
        rows.account("acc_b");
        rows.index("idx_a", "acc_a");
        rows.index("idx_a_other", "acc_a");
        rows.index("idx_b", "acc_b");
        // a1 < a2 < a3 by id; a2 and a3 share their creation time
        video("a1", "acc_a", "idx_a", "cats.mp4", 10, 30.0, 1280, 720, T0, T0.plus(Duration.ofHours(1)));
        video("a2", "acc_a", "idx_a", "dogs.mp4", 60, 25.0, 1920, 1080, DAY2, DAY2);
        video("a3", "acc_a", "idx_a", "cats.mp4", 120.5, null, null, null, DAY2, T0.plus(Duration.ofDays(3)));
        video("a9", "acc_a", "idx_a_other", "cats.mp4", 10, 30.0, 1280, 720, T0, T0);
        // account B's rows: one even names A's index (the schema only ties index_id to some index)
        video("b1", "acc_b", "idx_a", "cats.mp4", 10, 30.0, 1280, 720, T0, T0);
        video("b2", "acc_b", "idx_b", "cats.mp4", 10, 30.0, 1280, 720, T0, T0);
        metadata("a1", "acc_a", "topic", "cats");
        metadata("a1", "acc_a", "views", "12");
        metadata("a2", "acc_a", "topic", "dogs");
        metadata("b1", "acc_b", "topic", "cats");
        // a metadata row of account B's on A's video: A's filters must not read it
        metadata("a3", "acc_b", "topic", "dogs");
    }

    @Test
    void withoutFilterListsTheIndexOfTheAccountOnly() {
        assertThat(ids("acc_a", "idx_a", VideoFilter.NONE)).containsExactly("a1", "a2", "a3");
        assertThat(videos.count("acc_a", "idx_a", VideoFilter.NONE)).isEqualTo(3);
        assertThat(ids("acc_b", "idx_a", VideoFilter.NONE)).containsExactly("b1");
        assertThat(ids("acc_b", "idx_b", VideoFilter.NONE)).containsExactly("b2");
        assertThat(ids("acc_a", "idx_b", VideoFilter.NONE)).isEmpty();
        assertThat(videos.find("acc_b", "idx_a", "a1")).isEmpty();
        assertThat(videos.findInAccount("acc_b", "a1")).isEmpty();
    }

    @Test
    void filenameIsMatchedExactly() {
        assertThat(ids("acc_a", "idx_a", filename("cats.mp4"))).containsExactly("a1", "a3");
        assertThat(videos.count("acc_a", "idx_a", filename("cats.mp4"))).isEqualTo(2);
        assertThat(ids("acc_a", "idx_a", filename("cats"))).isEmpty();
        assertThat(ids("acc_a", "idx_a", filename("CATS.MP4"))).isEmpty();
    }

    @Test
    void numberRangesIncludeTheirBoundsAndSkipUnknownValues() {
        assertThat(ids("acc_a", "idx_a", numbers(new NumberCondition("duration", Comparison.AT_LEAST, 10),
                new NumberCondition("duration", Comparison.AT_MOST, 60)))).containsExactly("a1", "a2");
        assertThat(ids("acc_a", "idx_a", numbers(new NumberCondition("duration", Comparison.EQUAL, 120.5))))
                .containsExactly("a3");
        assertThat(ids("acc_a", "idx_a", numbers(new NumberCondition("duration", Comparison.AT_LEAST, 10.001))))
                .containsExactly("a2", "a3");
        // a3 has no width, fps or height: it never meets a condition on them
        assertThat(ids("acc_a", "idx_a", numbers(new NumberCondition("width", Comparison.AT_MOST, 5000))))
                .containsExactly("a1", "a2");
        assertThat(ids("acc_a", "idx_a", numbers(new NumberCondition("fps", Comparison.AT_MOST, 25))))
                .containsExactly("a2");
        assertThat(ids("acc_a", "idx_a", numbers(new NumberCondition("duration", Comparison.AT_LEAST, Double.NaN))))
                .isEmpty();
        assertThat(videos.count("acc_a", "idx_a", numbers(new NumberCondition("height", Comparison.EQUAL, 720))))
                .isEqualTo(1);
    }

    @Test
    void userMetadataMatchesTheAccountsOwnRowsOnly() {
        assertThat(ids("acc_a", "idx_a", metadata(Map.of("topic", "cats")))).containsExactly("a1");
        // a3 carries topic=dogs only in account B's row
        assertThat(ids("acc_a", "idx_a", metadata(Map.of("topic", "dogs")))).containsExactly("a2");
        assertThat(ids("acc_a", "idx_a", metadata(Map.of("topic", "cats", "views", "12")))).containsExactly("a1");
        assertThat(ids("acc_a", "idx_a", metadata(Map.of("topic", "cats", "views", "13")))).isEmpty();
        assertThat(ids("acc_b", "idx_a", metadata(Map.of("topic", "cats")))).containsExactly("b1");
        assertThat(ids("acc_b", "idx_a", metadata(Map.of("views", "12")))).isEmpty();
    }

    @Test
    void timesMatchWhatWasCreatedOrUpdatedAtOrAfterThemToTheSecond() {
        assertThat(ids("acc_a", "idx_a", since(Map.of("created_at", T0)))).containsExactly("a1", "a2", "a3");
        assertThat(ids("acc_a", "idx_a", since(Map.of("created_at", T0.plusSeconds(1))))).containsExactly("a2", "a3");
        assertThat(ids("acc_a", "idx_a", since(Map.of("created_at", DAY2.plusSeconds(1))))).isEmpty();
        assertThat(ids("acc_a", "idx_a", since(Map.of("updated_at", DAY2.plus(Duration.ofHours(14)))))).containsExactly("a3");
        assertThat(ids("acc_a", "idx_a", since(Map.of("created_at", T0, "updated_at", DAY2)))).containsExactly("a2", "a3");
    }

    @Test
    void sortsByTheFieldAskedForThenById() {
        assertThat(page("acc_a", "created_at", false, 10, 0)).containsExactly("a1", "a2", "a3");
        assertThat(page("acc_a", "created_at", true, 10, 0)).containsExactly("a3", "a2", "a1");
        assertThat(page("acc_a", "updated_at", true, 10, 0)).containsExactly("a3", "a2", "a1");
        assertThat(page("acc_a", "updated_at", false, 10, 0)).containsExactly("a1", "a2", "a3");
    }

    @Test
    void pagesFollowOneAnotherWithoutGapsOrRepeats() {
        assertThat(page("acc_a", "created_at", true, 2, 0)).containsExactly("a3", "a2");
        assertThat(page("acc_a", "created_at", true, 2, 2)).containsExactly("a1");
        assertThat(page("acc_a", "created_at", true, 2, 4)).isEmpty();
        List<VideoSummary> first = videos.page("acc_a", "idx_a", filename("cats.mp4"),
                VideoRepository.Slice.first("created_at", false, 1));
        assertThat(first).extracting(VideoSummary::id).containsExactly("a1");
        assertThat(first.get(0).duration()).isEqualTo(10);
        assertThat(first.get(0).width()).isEqualTo(1280);
        assertThat(first.get(0).createdAt()).isEqualTo(T0);
    }

    private List<String> ids(String accountId, String indexId, VideoFilter filter) {
        return videos.page(accountId, indexId, filter, VideoRepository.Slice.first("created_at", false, 50)).stream()
                .map(VideoSummary::id).toList();
    }

    private List<String> page(String accountId, String sortBy, boolean descending, int limit, long offset) {
        return videos.page(accountId, "idx_a", VideoFilter.NONE,
                new VideoRepository.Slice(sortBy, descending, null, limit, offset, false)).stream()
                .map(VideoSummary::id).toList();
    }

    private static VideoFilter filename(String filename) {
        return new VideoFilter(filename, List.of(), Map.of(), Map.of());
    }

    private static VideoFilter numbers(NumberCondition... conditions) {
        return new VideoFilter(null, List.of(conditions), Map.of(), Map.of());
    }

    private static VideoFilter metadata(Map<String, String> metadata) {
        return new VideoFilter(null, List.of(), metadata, Map.of());
    }

    private static VideoFilter since(Map<String, Instant> since) {
        return new VideoFilter(null, List.of(), Map.of(), since);
    }

    private void video(String id, String accountId, String indexId, String filename, double duration, Double fps,
            Integer width, Integer height, Instant createdAt, Instant updatedAt) {
        jdbc.sql("""
                insert into videos (id, account_id, index_id, filename, duration, fps, width, height, size,
                    created_at, updated_at, indexed_at)
                values (:id, :accountId, :indexId, :filename, :duration, :fps, :width, :height, 1000,
                    :createdAt, :updatedAt, :updatedAt)""")
                .param("id", id).param("accountId", accountId).param("indexId", indexId).param("filename", filename)
                .param("duration", duration).param("fps", fps).param("width", width).param("height", height)
                .param("createdAt", utc(createdAt)).param("updatedAt", utc(updatedAt)).update();
        // as the repository counts a video it adds
        jdbc.sql("update indexes set video_count = video_count + 1 where account_id = :accountId and id = :indexId")
                .param("accountId", accountId).param("indexId", indexId).update();
    }

    /** A metadata row as the repository writes it: in the video's index, with its value key. */
    private void metadata(String videoId, String accountId, String name, String value) {
        jdbc.sql("""
                insert into video_metadata (video_id, account_id, index_id, name, value_text, value_key)
                select :v, :a, index_id, :n, :t, :k from videos where id = :v""")
                .param("v", videoId).param("a", accountId).param("n", name).param("t", value)
                .param("k", MetadataKeys.of(value)).update();
    }
}
