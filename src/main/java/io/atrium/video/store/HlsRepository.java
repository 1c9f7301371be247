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

import io.atrium.video.HlsState;

/** HLS renditions, always found within their account. */
@Repository
public class HlsRepository {

    private static final String COLUMNS = "account_id, media_id, object_key, status, segments, error, created_at, "
            + "updated_at";
    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcClient jdbc;

    HlsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes the rendition pending: a new row, or a failed one started again. A rendition already pending, being
     * made or ready is left as it is.
     *
     * @return whether the rendition is pending now because of this call (its job is then to be scheduled)
     */
    public boolean requestPending(String accountId, String mediaId, String objectKey, Instant now) {
        int restarted = jdbc.sql("""
                update hls_renditions set status = 'pending', object_key = :objectKey, segments = null, error = null,
                    attempts = 0, updated_at = :now
                where account_id = :accountId and media_id = :mediaId and status = 'error'""")
                .param("accountId", accountId).param("mediaId", mediaId).param("objectKey", objectKey)
                .param("now", utc(now)).update();
        if (restarted == 1) {
            return true;
        }
        return jdbc.sql("""
                insert into hls_renditions (account_id, media_id, object_key, status, attempts, created_at, updated_at)
                select :accountId, :mediaId, :objectKey, 'pending', 0, :now, :now
                where not exists (select 1 from hls_renditions where account_id = :accountId and media_id = :mediaId)""")
                .param("accountId", accountId).param("mediaId", mediaId).param("objectKey", objectKey)
                .param("now", utc(now)).update() == 1;
    }

    public Optional<HlsRow> find(String accountId, String mediaId) {
        return jdbc.sql("select " + COLUMNS + " from hls_renditions where account_id = :accountId and media_id = :mediaId")
                .param("accountId", accountId).param("mediaId", mediaId).query(HlsRepository::map).optional();
    }

    /** Counts one more attempt at making the rendition, a crashed one included. */
    public int countAttempt(String accountId, String mediaId) {
        jdbc.sql("update hls_renditions set attempts = attempts + 1 where account_id = :accountId and media_id = :mediaId")
                .param("accountId", accountId).param("mediaId", mediaId).update();
        return jdbc.sql("select attempts from hls_renditions where account_id = :accountId and media_id = :mediaId")
                .param("accountId", accountId).param("mediaId", mediaId).query(Integer.class).optional().orElse(0);
    }

    public void markProcessing(String accountId, String mediaId, Instant now) {
        jdbc.sql("""
                update hls_renditions set status = 'processing', updated_at = :now
                where account_id = :accountId and media_id = :mediaId and status in ('pending', 'processing')""")
                .param("accountId", accountId).param("mediaId", mediaId).param("now", utc(now)).update();
    }

    /** @return whether the rendition is ready now; not when it was forgotten (its media deleted) meanwhile */
    public boolean markReady(String accountId, String mediaId, int segments, Instant now) {
        return jdbc.sql("""
                update hls_renditions set status = 'ready', segments = :segments, error = null, updated_at = :now
                where account_id = :accountId and media_id = :mediaId and status = 'processing'""")
                .param("accountId", accountId).param("mediaId", mediaId).param("segments", segments)
                .param("now", utc(now)).update() == 1;
    }

    public void markError(String accountId, String mediaId, String error, Instant now) {
        String reason = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        jdbc.sql("""
                update hls_renditions set status = 'error', segments = null, error = :error, updated_at = :now
                where account_id = :accountId and media_id = :mediaId and status in ('pending', 'processing')""")
                .param("accountId", accountId).param("mediaId", mediaId).param("error", reason)
                .param("now", utc(now)).update();
    }

    /** Deletes the renditions' rows; returns them as they were, so that their stored objects can be deleted. */
    public List<HlsRow> delete(String accountId, Collection<String> mediaIds) {
        if (mediaIds.isEmpty()) {
            return List.of();
        }
        List<HlsRow> rows = jdbc.sql("select " + COLUMNS
                        + " from hls_renditions where account_id = :accountId and media_id in (:ids)")
                .param("accountId", accountId).param("ids", mediaIds).query(HlsRepository::map).list();
        jdbc.sql("delete from hls_renditions where account_id = :accountId and media_id in (:ids)")
                .param("accountId", accountId).param("ids", mediaIds).update();
        return rows;
    }

    private static HlsRow map(ResultSet rs, int row) throws SQLException {
        return new HlsRow(rs.getString("account_id"), rs.getString("media_id"), rs.getString("object_key"),
                HlsState.Status.of(rs.getString("status")), rs.getObject("segments", Integer.class),
                rs.getString("error"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
