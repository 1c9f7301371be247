package io.atrium.video;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Videos are always looked up through their index within the account (R-RES-3). */
@Repository
class VideoRepository {

    private static final String COLUMNS = "id, account_id, index_id, filename, duration, fps, width, height, size, "
            + "user_metadata, object_key, enable_video_stream, created_at, updated_at, indexed_at";

    private final JdbcClient jdbc;

    VideoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the video of a finished task, once: a task resumed after a crash finds it already there. */
    /** @return whether the video was added now (not by an earlier run of the task) */
    boolean insertIfAbsent(TaskRow task, Instant now) {
        return jdbc.sql("""
                insert into videos (id, account_id, index_id, filename, duration, fps, width, height, size,
                    user_metadata, object_key, enable_video_stream, created_at, updated_at, indexed_at)
                select :id, :accountId, :indexId, :filename, :duration, :fps, :width, :height, :size,
                    :metadata, :objectKey, :stream, :createdAt, :now, :now
                where not exists (select 1 from videos where id = :id)""")
                .param("id", task.videoId()).param("accountId", task.accountId()).param("indexId", task.indexId())
                .param("filename", task.filename()).param("duration", task.duration()).param("fps", task.fps())
                .param("width", task.width()).param("height", task.height()).param("size", task.size())
                .param("metadata", task.userMetadata()).param("objectKey", task.objectKey())
                .param("stream", task.enableVideoStream())
                .param("createdAt", utc(task.createdAt())).param("now", utc(now))
                .update() == 1;
    }

    Optional<VideoRow> find(String accountId, String indexId, String id) {
        return jdbc.sql("select " + COLUMNS + " from videos where account_id = :accountId and index_id = :indexId and id = :id")
                .param("accountId", accountId).param("indexId", indexId).param("id", id)
                .query(VideoRepository::map).optional();
    }

    Set<String> existingIds(String accountId, String indexId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select id from videos where account_id = :accountId and index_id = :indexId and id in (:ids)")
                .param("accountId", accountId).param("indexId", indexId).param("ids", ids)
                .query(String.class).list());
    }

    long totalSize(String accountId) {
        return jdbc.sql("select coalesce(sum(size), 0) from videos where account_id = :accountId")
                .param("accountId", accountId).query(Long.class).single();
    }

    /** Seconds of video the account holds, over all its indexes. */
    double totalDuration(String accountId) {
        return jdbc.sql("select coalesce(sum(duration), 0) from videos where account_id = :accountId")
                .param("accountId", accountId).query(Double.class).single();
    }

    /** For signed media links, which name the account and the video. */
    Optional<VideoRow> findInAccount(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from videos where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id)
                .query(VideoRepository::map).optional();
    }

    List<VideoRow> ofIndex(String accountId, String indexId) {
        return jdbc.sql("select " + COLUMNS + " from videos where account_id = :accountId and index_id = :indexId "
                        + "order by created_at desc, id desc")
                .param("accountId", accountId).param("indexId", indexId)
                .query(VideoRepository::map).list();
    }

    void updateMetadata(String accountId, String indexId, String id, String userMetadata, Instant now) {
        jdbc.sql("""
                update videos set user_metadata = :metadata, updated_at = :now
                where account_id = :accountId and index_id = :indexId and id = :id""")
                .param("accountId", accountId).param("indexId", indexId).param("id", id)
                .param("metadata", userMetadata).param("now", utc(now))
                .update();
    }

    boolean delete(String accountId, String indexId, String id) {
        return jdbc.sql("delete from videos where account_id = :accountId and index_id = :indexId and id = :id")
                .param("accountId", accountId).param("indexId", indexId).param("id", id)
                .update() == 1;
    }

    boolean exists(String accountId, String id) {
        return jdbc.sql("select count(*) from videos where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).query(Long.class).single() > 0;
    }

    private static VideoRow map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime indexed = rs.getObject("indexed_at", OffsetDateTime.class);
        return new VideoRow(rs.getString("id"), rs.getString("account_id"), rs.getString("index_id"),
                rs.getString("filename"), rs.getDouble("duration"), rs.getObject("fps", Double.class),
                rs.getObject("width", Integer.class), rs.getObject("height", Integer.class), rs.getLong("size"),
                rs.getString("user_metadata"), rs.getString("object_key"), rs.getBoolean("enable_video_stream"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), indexed == null ? null : indexed.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
