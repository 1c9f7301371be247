package io.atrium.webhook;

import static io.atrium.shared.SqlTime.utc;
import static io.atrium.webhook.EndpointRepository.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The delivery log: one row per message to an endpoint, with its attempts. */
@Repository
class DeliveryRepository {

    enum Status {
        PENDING, SUCCEEDED, FAILED;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * @param durationMs how long the last attempt took, to the answer or the failure
     */
    record DeliveryRow(String id, String accountId, String endpointId, String messageId, String eventType,
            String payload, Status status, int attempts, Integer responseCode, String lastError, Instant nextAttemptAt,
            Instant lastAttemptAt, Long durationMs, Instant createdAt) {
    }

    private static final String COLUMNS = "id, account_id, endpoint_id, message_id, event_type, payload, status, "
            + "attempts, response_code, last_error, next_attempt_at, last_attempt_at, duration_ms, created_at";

    private final JdbcClient jdbc;

    DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String accountId, String endpointId, String messageId, String eventType, String payload,
            Instant now) {
        jdbc.sql("""
                insert into webhook_deliveries (id, account_id, endpoint_id, message_id, event_type, payload, status,
                    attempts, next_attempt_at, created_at)
                values (:id, :accountId, :endpointId, :messageId, :eventType, :payload, :pending, 0, :now, :now)""")
                .param("id", id).param("accountId", accountId).param("endpointId", endpointId)
                .param("messageId", messageId).param("eventType", eventType).param("payload", payload)
                .param("pending", Status.PENDING.value()).param("now", utc(now))
                .update();
    }

    /** For the delivery job, which knows only the id. */
    Optional<DeliveryRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_deliveries where id = :id").param("id", id)
                .query(DeliveryRepository::map).optional();
    }

    Optional<DeliveryRow> find(String accountId, String endpointId, String id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_deliveries where account_id = :accountId "
                        + "and endpoint_id = :endpointId and id = :id")
                .param("accountId", accountId).param("endpointId", endpointId).param("id", id)
                .query(DeliveryRepository::map).optional();
    }

    /** The endpoint's deliveries, newest first. */
    List<DeliveryRow> ofEndpoint(String accountId, String endpointId, int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from webhook_deliveries where account_id = :accountId "
                        + "and endpoint_id = :endpointId order by created_at desc, id desc limit :limit offset :offset")
                .param("accountId", accountId).param("endpointId", endpointId).param("limit", limit)
                .param("offset", offset).query(DeliveryRepository::map).list();
    }

    long count(String accountId, String endpointId) {
        return jdbc.sql("select count(*) from webhook_deliveries where account_id = :accountId and endpoint_id = :endpointId")
                .param("accountId", accountId).param("endpointId", endpointId).query(Long.class).single();
    }

    void markSucceeded(String id, int attempts, int responseCode, Instant attemptedAt, long durationMs) {
        jdbc.sql("""
                update webhook_deliveries set status = :succeeded, attempts = :attempts, response_code = :code,
                    last_error = null, next_attempt_at = null, last_attempt_at = :at, duration_ms = :duration
                where id = :id""")
                .param("id", id).param("succeeded", Status.SUCCEEDED.value()).param("attempts", attempts)
                .param("code", responseCode).param("at", utc(attemptedAt)).param("duration", durationMs)
                .update();
    }

    /** @param nextAttempt when it is tried again; {@code null} when it has failed for good */
    void markFailedAttempt(String id, int attempts, Integer responseCode, String error, Instant attemptedAt,
            long durationMs, Instant nextAttempt) {
        jdbc.sql("""
                update webhook_deliveries set status = :status, attempts = :attempts, response_code = :code,
                    last_error = :error, next_attempt_at = :next, last_attempt_at = :at, duration_ms = :duration
                where id = :id""")
                .param("id", id).param("status", (nextAttempt == null ? Status.FAILED : Status.PENDING).value())
                .param("attempts", attempts).param("code", responseCode).param("error", error)
                .param("next", nextAttempt == null ? null : utc(nextAttempt)).param("at", utc(attemptedAt))
                .param("duration", durationMs)
                .update();
    }

    /** A delivery not attempted because its endpoint was disabled meanwhile. */
    void markNotAttempted(String id, String reason) {
        jdbc.sql("update webhook_deliveries set status = :failed, last_error = :reason, next_attempt_at = null "
                        + "where id = :id and status = :pending")
                .param("id", id).param("failed", Status.FAILED.value()).param("pending", Status.PENDING.value())
                .param("reason", reason).update();
    }

    /** Deletes finished deliveries made before the cut-off. @return how many */
    int deleteFinishedBefore(Instant cutoff) {
        return jdbc.sql("delete from webhook_deliveries where created_at < :cutoff and status <> :pending")
                .param("cutoff", utc(cutoff)).param("pending", Status.PENDING.value()).update();
    }

    private static DeliveryRow map(ResultSet rs, int row) throws SQLException {
        int code = rs.getInt("response_code");
        Integer responseCode = rs.wasNull() ? null : code;
        long duration = rs.getLong("duration_ms");
        Long durationMs = rs.wasNull() ? null : duration;
        return new DeliveryRow(rs.getString("id"), rs.getString("account_id"), rs.getString("endpoint_id"),
                rs.getString("message_id"), rs.getString("event_type"), rs.getString("payload"),
                Status.of(rs.getString("status")), rs.getInt("attempts"), responseCode, rs.getString("last_error"),
                instant(rs, "next_attempt_at"), instant(rs, "last_attempt_at"), durationMs, instant(rs, "created_at"));
    }
}
