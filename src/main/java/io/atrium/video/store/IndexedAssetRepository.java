package io.atrium.video.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.shared.Where;
import io.atrium.video.TaskStatus;
import io.atrium.video.VideoFilter;

/**
 * The indexed assets of an index: every task of the index, with its video once made, except a ready task whose
 * video was deleted (there is nothing left of it). Always within the account and the index.
 */
@Repository
public class IndexedAssetRepository {

    private static final String SELECT = """
            select t.id as task_id, t.video_id, t.index_id, coalesce(v.asset_id, t.asset_id) as asset_id, t.status,
                t.error_message, coalesce(v.filename, t.filename) as filename,
                coalesce(v.duration, t.duration) as duration, coalesce(v.fps, t.fps) as fps,
                coalesce(v.width, t.width) as width, coalesce(v.height, t.height) as height,
                coalesce(v.size, t.size) as size,
                case when v.id is null then t.user_metadata else v.user_metadata end as user_metadata,
                t.created_at, coalesce(v.updated_at, t.updated_at) as updated_at, v.indexed_at, v.id as video_row
            from video_tasks t left join videos v on v.id = t.video_id and v.account_id = t.account_id
            """;
    private static final String WITHIN = "t.account_id = :accountId and t.index_id = :indexId "
            + "and (v.id is not null or t.status <> 'ready')";

    /** The indexed assets of an asset: made (the video exists) or being made; failed ones are not. */
    private static final String OF_ASSET = "t.account_id = :accountId and t.asset_id = :assetId "
            + "and (v.id is not null or t.status not in ('ready', 'failed'))";

    /** Where an asset is indexed: the indexed asset, its index, its status and when it was started. */
    public record Placement(String id, String indexId, TaskStatus status, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    IndexedAssetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of the index's indexed assets in one of the statuses (all when {@code null}) that meet the filter;
     * user metadata conditions only find indexed assets that are ready, whose metadata is searchable.
     */
    public List<IndexedAssetRow> page(String accountId, String indexId, List<TaskStatus> statuses, VideoFilter filter,
            String sortBy, boolean descending, int limit, long offset) {
        Where where = where(accountId, indexId, statuses, filter);
        String direction = descending ? " desc" : " asc";
        return jdbc.sql(SELECT + " where " + where.sql() + " order by " + column(sortBy) + direction + ", t.video_id"
                        + direction + " limit :limit offset :offset")
                .params(where.params()).param("limit", limit).param("offset", offset)
                .query(IndexedAssetRepository::map).list();
    }

    public long count(String accountId, String indexId, List<TaskStatus> statuses, VideoFilter filter) {
        Where where = where(accountId, indexId, statuses, filter);
        return jdbc.sql("select count(*) from video_tasks t left join videos v on v.id = t.video_id "
                        + "and v.account_id = t.account_id where " + where.sql())
                .params(where.params()).query(Long.class).single();
    }

    public Optional<IndexedAssetRow> find(String accountId, String indexId, String id) {
        return jdbc.sql(SELECT + " where " + WITHIN + " and t.video_id = :id")
                .param("accountId", accountId).param("indexId", indexId).param("id", id)
                .query(IndexedAssetRepository::map).optional();
    }

    /** Where an asset is indexed or being indexed, newest first. */
    public List<Placement> ofAsset(String accountId, String assetId, int limit, long offset) {
        return jdbc.sql("select t.video_id, t.index_id, t.status, t.created_at from video_tasks t "
                        + "left join videos v on v.id = t.video_id "
                        + "and v.account_id = t.account_id where " + OF_ASSET
                        + " order by t.created_at desc, t.video_id desc limit :limit offset :offset")
                .param("accountId", accountId).param("assetId", assetId).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new Placement(rs.getString("video_id"), rs.getString("index_id"),
                        TaskStatus.of(rs.getString("status")), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    public long countOfAsset(String accountId, String assetId) {
        return jdbc.sql("select count(*) from video_tasks t left join videos v on v.id = t.video_id "
                        + "and v.account_id = t.account_id where " + OF_ASSET)
                .param("accountId", accountId).param("assetId", assetId).query(Long.class).single();
    }

    /** Whether the asset is in the index already (indexed, or on its way there). */
    public boolean isIndexedIn(String accountId, String indexId, String assetId) {
        return jdbc.sql("select count(*) from video_tasks t left join videos v on v.id = t.video_id "
                        + "and v.account_id = t.account_id where " + OF_ASSET + " and t.index_id = :indexId")
                .param("accountId", accountId).param("assetId", assetId).param("indexId", indexId)
                .query(Long.class).single() > 0;
    }

    private static Where where(String accountId, String indexId, List<TaskStatus> statuses, VideoFilter filter) {
        Where where = Where.of(WITHIN).param("accountId", accountId).param("indexId", indexId);
        if (statuses != null) {
            List<String> values = statuses.stream().map(TaskStatus::value).toList();
            where.and(values.isEmpty() ? "1 = 0" : "t.status in (" + where.bind(values) + ")");
        }
        return VideoConditions.add(where, filter, IndexedAssetRepository::column, "t.video_id");
    }

    /** The SQL of a field of the filter or the sort: the video's value once made, the task's before. */
    private static String column(String field) {
        return switch (field) {
            case "created_at" -> "t.created_at";
            case "updated_at" -> "coalesce(v.updated_at, t.updated_at)";
            case "filename", "duration", "fps", "width", "height", "size" -> "coalesce(v." + field + ", t." + field + ")";
            default -> throw new IllegalArgumentException("Not a field of an indexed asset: " + field);
        };
    }

    private static IndexedAssetRow map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime indexed = rs.getObject("indexed_at", OffsetDateTime.class);
        return new IndexedAssetRow(rs.getString("video_id"), rs.getString("task_id"), rs.getString("index_id"),
                rs.getString("asset_id"), TaskStatus.of(rs.getString("status")), rs.getString("error_message"),
                rs.getString("filename"), rs.getObject("duration", Double.class), rs.getObject("fps", Double.class),
                rs.getObject("width", Integer.class), rs.getObject("height", Integer.class), rs.getLong("size"),
                rs.getString("user_metadata"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                indexed == null ? null : indexed.toInstant(), rs.getString("video_row") != null);
    }
}
