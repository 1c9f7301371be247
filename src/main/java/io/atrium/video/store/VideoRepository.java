package io.atrium.video.store;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.shared.Where;
import io.atrium.video.VideoFilter;
import io.atrium.video.VideoSummary;

/** Videos are always looked up through their index within the account (R-RES-3). */
@Repository
public class VideoRepository {

    private static final String COLUMNS = "id, account_id, index_id, asset_id, filename, duration, fps, width, height, size, "
            + "user_metadata, object_key, enable_video_stream, created_at, updated_at, indexed_at, container";

    private final JdbcClient jdbc;

    VideoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Those of the account's video ids that a video or an upload task still refers to, or an HLS rendition (whose
     * media may be something else than a video).
     */
    public Set<String> referenced(String accountId, Collection<String> videoIds) {
        if (videoIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                select id from videos where account_id = :accountId and id in (:ids)
                union
                select video_id from video_tasks where account_id = :accountId and video_id in (:ids)
                union
                select id from assets where account_id = :accountId and id in (:ids)
                union
                select media_id from hls_renditions where account_id = :accountId and media_id in (:ids)""")
                .param("accountId", accountId).param("ids", videoIds)
                .query(String.class).list());
    }

    /**
     * Adds the video of a finished task and its user metadata, once: a task resumed after a crash finds it
     * already there. Call it within a transaction, so the video never exists without its metadata rows.
     *
     * @param metadataTexts the task's user metadata as {@link UserMetadata#texts} gives it
     * @return whether the video was added now (not by an earlier run of the task)
     */
    public boolean insertIfAbsent(TaskRow task, Map<String, String> metadataTexts, Instant now) {
        int inserted = jdbc.sql("""
                insert into videos (id, account_id, index_id, filename, duration, fps, width, height, size,
                    user_metadata, object_key, enable_video_stream, created_at, updated_at, indexed_at, container,
                    asset_id)
                select :id, :accountId, :indexId, :filename, :duration, :fps, :width, :height, :size,
                    :metadata, :objectKey, :stream, :createdAt, :now, :now, :container, :assetId
                where not exists (select 1 from videos where id = :id)""")
                .param("id", task.videoId()).param("accountId", task.accountId()).param("indexId", task.indexId())
                .param("filename", task.filename()).param("duration", task.duration()).param("fps", task.fps())
                .param("width", task.width()).param("height", task.height()).param("size", task.size())
                .param("metadata", task.userMetadata()).param("objectKey", task.objectKey())
                .param("stream", task.enableVideoStream()).param("container", task.container())
                .param("assetId", task.assetId())
                .param("createdAt", utc(task.createdAt())).param("now", utc(now))
                .update();
        if (inserted == 1) {
            changed(task.accountId(), task.indexId(), 1, task.duration() == null ? 0 : task.duration());
            insertMetadata(task.accountId(), task.indexId(), task.videoId(), metadataTexts);
        }
        return inserted == 1;
    }

    public Optional<VideoRow> find(String accountId, String indexId, String id) {
        return jdbc.sql("select " + COLUMNS + " from videos where account_id = :accountId and index_id = :indexId and id = :id")
                .param("accountId", accountId).param("indexId", indexId).param("id", id)
                .query(VideoRepository::map).optional();
    }

    public Set<String> existingIds(String accountId, String indexId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select id from videos where account_id = :accountId and index_id = :indexId and id in (:ids)")
                .param("accountId", accountId).param("indexId", indexId).param("ids", ids)
                .query(String.class).list());
    }

    /** Bytes of the videos that have a file of their own (uploaded as tasks, not indexed from an asset). */
    public long totalSizeWithoutAsset(String accountId) {
        return jdbc.sql("select coalesce(sum(size), 0) from videos where account_id = :accountId and asset_id is null")
                .param("accountId", accountId).query(Long.class).single();
    }

    /** Seconds of video the account holds, over all its indexes. */
    public double totalDuration(String accountId) {
        return jdbc.sql("select coalesce(sum(duration), 0) from videos where account_id = :accountId")
                .param("accountId", accountId).query(Double.class).single();
    }

    /** For signed media links, which name the account and the video. */
    public Optional<VideoRow> findInAccount(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from videos where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id)
                .query(VideoRepository::map).optional();
    }

    /** The row at a position of a list in one order: its sort value and id. */
    public record ListMark(Instant sortValue, String id) {
    }

    /** The index's video count and the version of its list, read together. */
    public record ListState(long videoCount, long version) {
    }

    /** The index's {@link ListState}; none (nothing counted, version 0) for an index that is not the account's. */
    public ListState listState(String accountId, String indexId) {
        return jdbc.sql("select video_count, video_list_version from indexes where account_id = :accountId and id = :indexId")
                .param("accountId", accountId).param("indexId", indexId)
                .query((rs, row) -> new ListState(rs.getLong(1), rs.getLong(2))).optional()
                .orElse(new ListState(0, 0));
    }

    /**
     * Which rows of a list to read.
     *
     * @param sortBy {@code created_at} or {@code updated_at}
     * @param from the mark to start from (its row included), or {@code null} for the start of the order
     * @param throughMetadata find the videos through the {@code video_metadata_value} entries of the filter's one
     *     user-metadata value (see {@link #oneMetadataValue}) instead of walking the sort's index: cheaper for a value
     *     that few videos hold, as that walk would pass many videos to find a page of them
     */
    public record Slice(String sortBy, boolean descending, ListMark from, int limit, long offset,
            boolean throughMetadata) {

        /** The first {@code limit} rows of the order. */
        public static Slice first(String sortBy, boolean descending, int limit) {
            return new Slice(sortBy, descending, null, limit, 0, false);
        }
    }

    /** Whether the filter is one user-metadata value and nothing else, which the metadata index alone serves. */
    public static boolean oneMetadataValue(VideoFilter filter) {
        return filter.userMetadata().size() == 1
                && filter.equals(new VideoFilter(null, List.of(), filter.userMetadata(), Map.of()));
    }

    /**
     * One page of an index's videos that meet the filter, in the order asked for, then by id, starting from a
     * mark (the row at a known position, included) or from the start of the order. Everything
     * happens in the database: the rows skipped by the offset are walked in an index only (ids in the sort's
     * index, {@code videos_index_created} or {@code videos_index_updated}, or the filter's metadata entries), and only
     * the page's own rows are read.
     */
    public List<VideoSummary> page(String accountId, String indexId, VideoFilter filter, Slice slice) {
        String sortBy = slice.sortBy();
        boolean descending = slice.descending();
        ListMark from = slice.from();
        Where where = where(accountId, indexId, filter);
        String column = switch (sortBy) {
            case "created_at" -> "created_at";
            case "updated_at" -> "updated_at";
            default -> throw new IllegalArgumentException("Not a sort field: " + sortBy);
        };
        if (from != null) {
            // a row comparison, which the sort's index serves as the start of its range
            where.and("(v." + column + ", v.id) " + (descending ? "<=" : ">=") + " (" + where.bind(utc(from.sortValue()))
                    + ", " + where.bind(from.id()) + ")");
        }
        String direction = descending ? " desc" : " asc";
        String order = " order by v." + column + direction + ", v.id" + direction;
        String videos = "videos v";
        if (slice.throughMetadata()) {
            if (!oneMetadataValue(filter)) {
                throw new IllegalArgumentException("Not one metadata value: " + filter);
            }
            // "offset 0" keeps PostgreSQL from folding the entries into the outer query, where its estimate of how
            // many there are could have it walk the sort's index after all
            videos = "(select m.video_id from video_metadata m where " + metadataEntries(where, filter)
                    + " offset 0) matched join videos v on v.id = matched.video_id";
        }
        return jdbc.sql("select v.id, v.filename, v.duration, v.fps, v.width, v.height, v.size, v.created_at, "
                        + "v.updated_at, v.indexed_at, v.asset_id from videos v where v.id in (select v.id from " + videos
                        + " where " + where.sql() + order + " limit :limit offset :offset)" + order)
                .params(where.params()).param("limit", slice.limit()).param("offset", slice.offset())
                .query(VideoRepository::summary).list();
    }

    /**
     * How many of an index's videos meet the filter: without a filter, the index's {@code video_count}; with one
     * user-metadata condition alone, the entries of {@code video_metadata_value}; otherwise by the rows.
     */
    public long count(String accountId, String indexId, VideoFilter filter) {
        if (filter.equals(VideoFilter.NONE)) {
            return listState(accountId, indexId).videoCount();
        }
        if (oneMetadataValue(filter)) {
            Where where = where(accountId, indexId, VideoFilter.NONE); // for its parameters: the account and the index
            return jdbc.sql("select count(*) from video_metadata m where " + metadataEntries(where, filter))
                    .params(where.params()).query(Long.class).single();
        }
        Where where = where(accountId, indexId, filter);
        return jdbc.sql("select count(*) from videos v where " + where.sql())
                .params(where.params()).query(Long.class).single();
    }

    /** Replaces the user metadata, both the JSON that is shown and the rows that filters read. */
    public void updateMetadata(String accountId, String indexId, String id, String userMetadata,
            Map<String, String> metadataTexts, Instant now) {
        jdbc.sql("""
                update videos set user_metadata = :metadata, updated_at = :now
                where account_id = :accountId and index_id = :indexId and id = :id""")
                .param("accountId", accountId).param("indexId", indexId).param("id", id)
                .param("metadata", userMetadata).param("now", utc(now))
                .update();
        jdbc.sql("delete from video_metadata where account_id = :accountId and video_id = :id")
                .param("accountId", accountId).param("id", id).update();
        insertMetadata(accountId, indexId, id, metadataTexts);
        changed(accountId, indexId, 0, 0);
    }

    public boolean delete(String accountId, String indexId, String id) {
        Optional<Double> duration = jdbc.sql("""
                select duration from videos where account_id = :accountId and index_id = :indexId and id = :id""")
                .param("accountId", accountId).param("indexId", indexId).param("id", id).query(Double.class).optional();
        // of two deletions at once, only the one that deleted the row takes its duration away
        boolean deleted = duration.isPresent() && jdbc.sql(
                        "delete from videos where account_id = :accountId and index_id = :indexId and id = :id")
                .param("accountId", accountId).param("indexId", indexId).param("id", id)
                .update() == 1;
        if (deleted) {
            changed(accountId, indexId, -1, -duration.get());
        }
        return deleted;
    }

    /** The videos made from an asset, in every index of the account. */
    public List<String> idsOfAsset(String accountId, String assetId) {
        return jdbc.sql("select id from videos where account_id = :accountId and asset_id = :assetId")
                .param("accountId", accountId).param("assetId", assetId).query(String.class).list();
    }

    /**
     * Deletes the videos made from an asset one by one, so that each index's count goes down by the videos this
     * call deleted (not by those a concurrent call deleted first).
     */
    public void deleteOfAsset(String accountId, String assetId) {
        jdbc.sql("select id, index_id from videos where account_id = :accountId and asset_id = :assetId")
                .param("accountId", accountId).param("assetId", assetId)
                .query((rs, row) -> Map.entry(rs.getString("id"), rs.getString("index_id"))).list()
                .forEach(video -> delete(accountId, video.getValue(), video.getKey()));
    }

    public boolean exists(String accountId, String id) {
        return jdbc.sql("select count(*) from videos where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).query(Long.class).single() > 0;
    }

    /**
     * Adds videos and their seconds to the index's {@code video_count} and {@code video_duration_us} (or takes them
     * away) and gives its list a new version, in the caller's transaction; a version is never given twice, so no node
     * takes what it knows of one list for another.
     */
    private void changed(String accountId, String indexId, int videos, double seconds) {
        jdbc.sql("""
                update indexes set video_count = video_count + :videos, video_duration_us = video_duration_us + :micros,
                    video_list_version = nextval('video_list_versions')
                where account_id = :accountId and id = :indexId""")
                .param("videos", videos).param("micros", Math.round(seconds * 1_000_000))
                .param("accountId", accountId).param("indexId", indexId).update();
    }

    private void insertMetadata(String accountId, String indexId, String videoId, Map<String, String> metadataTexts) {
        metadataTexts.forEach((name, value) -> jdbc.sql("""
                insert into video_metadata (video_id, account_id, index_id, name, value_text, value_key)
                values (:videoId, :accountId, :indexId, :name, :value, :key)""")
                .param("videoId", videoId).param("accountId", accountId).param("indexId", indexId).param("name", name)
                .param("value", value).param("key", MetadataKeys.of(value))
                .update());
    }

    /**
     * The condition that the entry {@code m} is of one of the index's videos and holds the filter's user-metadata
     * values, which it binds in the given condition (which binds {@code :accountId} and {@code :indexId}).
     */
    private static String metadataEntries(Where where, VideoFilter filter) {
        StringBuilder entries = new StringBuilder("m.account_id = :accountId and m.index_id = :indexId");
        filter.userMetadata().forEach((name, value) -> entries.append(" and ")
                .append(VideoConditions.metadataValue(where, name, value)));
        return entries.toString();
    }

    /** The condition over {@code videos v}: always within the account and the index (binds both, as filters need). */
    private static Where where(String accountId, String indexId, VideoFilter filter) {
        return VideoConditions.add(Where.of("v.account_id = :accountId and v.index_id = :indexId")
                .param("accountId", accountId).param("indexId", indexId), filter, field -> "v." + field, "v.id");
    }

    private static VideoSummary summary(ResultSet rs, int row) throws SQLException {
        OffsetDateTime indexed = rs.getObject("indexed_at", OffsetDateTime.class);
        return new VideoSummary(rs.getString("id"), rs.getString("filename"), rs.getDouble("duration"),
                rs.getObject("fps", Double.class), rs.getObject("width", Integer.class),
                rs.getObject("height", Integer.class), rs.getLong("size"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), indexed == null ? null : indexed.toInstant(),
                rs.getString("asset_id"));
    }

    private static VideoRow map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime indexed = rs.getObject("indexed_at", OffsetDateTime.class);
        return new VideoRow(rs.getString("id"), rs.getString("account_id"), rs.getString("index_id"),
                rs.getString("filename"), rs.getDouble("duration"), rs.getObject("fps", Double.class),
                rs.getObject("width", Integer.class), rs.getObject("height", Integer.class), rs.getLong("size"),
                rs.getString("user_metadata"), rs.getString("object_key"), rs.getBoolean("enable_video_stream"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), indexed == null ? null : indexed.toInstant(),
                rs.getString("container"), rs.getString("asset_id"));
    }
}
