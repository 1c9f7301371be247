package io.atrium.video.store;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.shared.Where;
import io.atrium.video.TaskFilter;
import io.atrium.video.TaskStatus;
import io.atrium.video.media.MediaProbe;

@Repository
public class TaskRepository {

    private static final String COLUMNS = "id, account_id, index_id, video_id, status, error_code, error_message, "
            + "filename, object_key, size, duration, fps, width, height, enable_video_stream, user_metadata, created_at, updated_at, "
            + "source_url, container, asset_id";

    private final JdbcClient jdbc;

    TaskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(TaskRow task) {
        jdbc.sql("""
                insert into video_tasks (id, account_id, index_id, video_id, status, filename, object_key, size,
                    enable_video_stream, user_metadata, created_at, updated_at, source_url, asset_id)
                values (:id, :accountId, :indexId, :videoId, :status, :filename, :objectKey, :size,
                    :stream, :metadata, :now, :now, :sourceUrl, :assetId)""")
                .param("id", task.id()).param("accountId", task.accountId()).param("indexId", task.indexId())
                .param("videoId", task.videoId()).param("status", task.status().value())
                .param("filename", task.filename())
                .param("objectKey", task.objectKey()).param("size", task.size())
                .param("stream", task.enableVideoStream()).param("metadata", task.userMetadata())
                .param("now", utc(task.createdAt())).param("sourceUrl", task.sourceUrl()).param("assetId", task.assetId())
                .update();
    }

    public Optional<TaskRow> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from video_tasks where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id)
                .query(TaskRepository::map).optional();
    }

    /**
     * One page of the account's tasks that meet the filter, in the order asked for, then by id.
     *
     * @param sortBy {@code created_at} or {@code updated_at} (checked by the API's page request)
     */
    public List<TaskRow> page(String accountId, TaskFilter filter, String sortBy, boolean descending, int limit, long offset) {
        Where where = where(accountId, filter);
        String column = sortBy.equals("updated_at") ? "updated_at" : "created_at";
        String direction = descending ? " desc" : " asc";
        String order = " order by " + column + direction + ", id" + direction;
        // the offset walks ids in the sort's index (V30) only; the page's own rows are read after
        return jdbc.sql("select " + COLUMNS + " from video_tasks where id in (select id from video_tasks where "
                        + where.sql() + order + " limit :limit offset :offset)" + order)
                .params(where.params()).param("limit", limit).param("offset", offset)
                .query(TaskRepository::map).list();
    }

    public long count(String accountId, TaskFilter filter) {
        Where where = where(accountId, filter);
        return jdbc.sql("select count(*) from video_tasks where " + where.sql()).params(where.params())
                .query(Long.class).single();
    }

    private static Where where(String accountId, TaskFilter filter) {
        Where where = Where.of("account_id = :accountId").param("accountId", accountId)
                .equal("index_id", filter.indexId());
        if (filter.statuses() != null) {
            where.and(filter.statuses().isEmpty() ? "1 = 0"
                    : "status in (" + where.bind(filter.statuses().stream().map(TaskStatus::value).toList()) + ")");
        }
        return where.equal("filename", filter.filename())
                .equal("duration", filter.duration())
                .equal("width", filter.width())
                .equal("height", filter.height())
                .atOrAfter("created_at", filter.createdFrom())
                .atOrAfter("updated_at", filter.updatedFrom());
    }

    public List<TaskRow> ofAccount(String accountId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from video_tasks where account_id = :accountId and id in (:ids)")
                .param("accountId", accountId).param("ids", ids)
                .query(TaskRepository::map).list();
    }

    public long countCreatedSince(String accountId, Instant since) {
        return jdbc.sql("select count(*) from video_tasks where account_id = :accountId and created_at >= :since")
                .param("accountId", accountId).param("since", utc(since)).query(Long.class).single();
    }

    /** The uploads of an index that have not become videos yet, and those that failed, newest first. */
    public List<TaskRow> unfinishedOfIndex(String accountId, String indexId) {
        return jdbc.sql("select " + COLUMNS + " from video_tasks where account_id = :accountId and index_id = :indexId "
                        + "and status <> :ready order by created_at desc, id desc")
                .param("ready", TaskStatus.READY.value()).param("accountId", accountId).param("indexId", indexId)
                .query(TaskRepository::map).list();
    }

    /** Counts one more attempt at working on a task. @return the attempts made, this one included */
    public int countAttempt(String id) {
        jdbc.sql("update video_tasks set attempts = attempts + 1 where id = :id").param("id", id).update();
        return jdbc.sql("select attempts from video_tasks where id = :id").param("id", id).query(Integer.class).single();
    }

    public Optional<TaskRow> findForWorker(String id) {
        return jdbc.sql("select " + COLUMNS + " from video_tasks where id = :id").param("id", id)
                .query(TaskRepository::map).optional();
    }

    public void advance(String id, TaskStatus status, Instant now) {
        jdbc.sql("update video_tasks set status = :status, updated_at = :now where id = :id")
                .param("id", id).param("status", status.value()).param("now", utc(now)).update();
    }

    /** The file of a {@code video_url} task, once downloaded into storage. */
    public void recordDownload(String id, String objectKey, long size, Instant now) {
        jdbc.sql("update video_tasks set object_key = :objectKey, size = :size, updated_at = :now where id = :id")
                .param("id", id).param("objectKey", objectKey).param("size", size).param("now", utc(now)).update();
    }

    public void recordMedia(String id, MediaProbe.MediaInfo media, Instant now) {
        jdbc.sql("""
                update video_tasks set duration = :duration, fps = :fps, width = :width, height = :height,
                    container = :container, status = :pending, updated_at = :now
                where id = :id""")
                .param("id", id).param("pending", TaskStatus.PENDING.value())
                .param("duration", media.duration()).param("fps", media.fps())
                .param("width", media.width()).param("height", media.height())
                .param("container", media.container().name()).param("now", utc(now))
                .update();
    }

    /** The file is dropped with the failure: a failed task leaves no stored file behind. */
    public void fail(String id, String code, String message, Instant now) {
        jdbc.sql("""
                update video_tasks set status = :failed, error_code = :code, error_message = :message,
                    object_key = null, updated_at = :now
                where id = :id""")
                .param("id", id).param("failed", TaskStatus.FAILED.value())
                .param("code", code).param("message", message).param("now", utc(now))
                .update();
    }

    /** @return whether the task became ready now (false when it already was) */
    public boolean finish(String id, Instant now) {
        return jdbc.sql("update video_tasks set status = :ready, updated_at = :now where id = :id and status <> :ready")
                .param("id", id).param("ready", TaskStatus.READY.value()).param("now", utc(now)).update() == 1;
    }

    /** User metadata for the video a task will make, changed before the video exists. */
    public void updateMetadata(String accountId, String id, String userMetadata, Instant now) {
        jdbc.sql("update video_tasks set user_metadata = :metadata, updated_at = :now where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).param("metadata", userMetadata).param("now", utc(now))
                .update();
    }

    public void forgetObject(String accountId, String videoId) {
        jdbc.sql("update video_tasks set object_key = null where account_id = :accountId and video_id = :videoId")
                .param("accountId", accountId).param("videoId", videoId).update();
    }

    /** Every video an index's tasks made or are making: whose files to delete with the index. */
    public List<String> videoIdsOfIndex(String accountId, String indexId) {
        return jdbc.sql("select video_id from video_tasks where account_id = :accountId and index_id = :indexId")
                .param("accountId", accountId).param("indexId", indexId).query(String.class).list();
    }

    /** The videos an asset's unfinished tasks are making. */
    public List<String> unfinishedVideoIdsOfAsset(String accountId, String assetId) {
        return jdbc.sql("select video_id from video_tasks where account_id = :accountId and asset_id = :assetId "
                        + "and status not in (:finished)")
                .param("accountId", accountId).param("assetId", assetId)
                .param("finished", List.of(TaskStatus.READY.value(), TaskStatus.FAILED.value()))
                .query(String.class).list();
    }

    public void deleteOfAsset(String accountId, String assetId) {
        jdbc.sql("delete from video_tasks where account_id = :accountId and asset_id = :assetId")
                .param("accountId", accountId).param("assetId", assetId).update();
    }

    public boolean delete(String accountId, String id) {
        return jdbc.sql("delete from video_tasks where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).update() == 1;
    }

    private static TaskRow map(ResultSet rs, int row) throws SQLException {
        return new TaskRow(rs.getString("id"), rs.getString("account_id"), rs.getString("index_id"),
                rs.getString("video_id"), TaskStatus.of(rs.getString("status")), rs.getString("error_code"),
                rs.getString("error_message"), rs.getString("filename"), rs.getString("object_key"), rs.getLong("size"),
                rs.getObject("duration", Double.class), rs.getObject("fps", Double.class),
                rs.getObject("width", Integer.class), rs.getObject("height", Integer.class),
                rs.getBoolean("enable_video_stream"), rs.getString("user_metadata"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("source_url"),
                rs.getString("container"), rs.getString("asset_id"));
    }
}
