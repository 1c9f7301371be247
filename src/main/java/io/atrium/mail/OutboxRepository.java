package io.atrium.mail;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private static final String COLUMNS = "id, recipient, subject, text_body, html_body, status, attempts, "
            + "next_attempt_at, last_error, created_at, sent_at";

    static final String CLEARED_TEXT = "This message held a single-use link; its text was removed once it was sent.";

    /** Replaces the body of a message that holds a secret when {@code :clearSecret}; keeps every other body. */
    private static final String CLEAR_SECRET_BODY =
            "text_body = case when holds_secret and :clearSecret then :clearedText else text_body end, "
            + "html_body = case when holds_secret and :clearSecret then :clearedHtml else html_body end";

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, OutgoingMail mail, Instant now) {
        jdbc.sql("""
                insert into mail_outbox (id, recipient, subject, text_body, html_body, status, attempts, next_attempt_at,
                    created_at, holds_secret)
                values (:id, :to, :subject, :text, :html, :pending, 0, :now, :now, :holdsSecret)""")
                .param("pending", OutboxStatus.PENDING.value())
                .param("id", id)
                .param("to", mail.to())
                .param("subject", mail.subject())
                .param("text", mail.textBody())
                .param("html", mail.htmlBody())
                .param("holdsSecret", mail.holdsSecret())
                .param("now", utc(now))
                .update();
    }

    Optional<OutboxRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where id = :id").param("id", id)
                .query(OutboxRepository::map).optional();
    }

    /**
     * @param clearSecret whether a body that holds a secret is replaced in the same statement, so that no crash can
     *     leave a sent message's secret behind
     */
    void markSent(String id, int attempts, Instant now, boolean clearSecret) {
        jdbc.sql("update mail_outbox set status = :sent, attempts = :attempts, sent_at = :now, last_error = null, "
                        + CLEAR_SECRET_BODY + " where id = :id")
                .param("id", id).param("sent", OutboxStatus.SENT.value()).param("attempts", attempts).param("now", utc(now))
                .params(clearSecretParams(clearSecret)).update();
    }

    void markRetry(String id, int attempts, Instant nextAttempt, String error) {
        jdbc.sql("update mail_outbox set attempts = :attempts, next_attempt_at = :next, last_error = :error where id = :id")
                .param("id", id).param("attempts", attempts).param("next", utc(nextAttempt)).param("error", error)
                .update();
    }

    /** @param clearSecret as for {@link #markSent}: a message given up on keeps no secret either */
    void markFailed(String id, int attempts, String error, boolean clearSecret) {
        jdbc.sql("update mail_outbox set status = :failed, attempts = :attempts, last_error = :error, "
                        + CLEAR_SECRET_BODY + " where id = :id")
                .param("id", id).param("failed", OutboxStatus.FAILED.value()).param("attempts", attempts).param("error", error)
                .params(clearSecretParams(clearSecret)).update();
    }

    private static Map<String, Object> clearSecretParams(boolean clearSecret) {
        return Map.of("clearSecret", clearSecret, "clearedText", CLEARED_TEXT, "clearedHtml", "<p>" + CLEARED_TEXT + "</p>");
    }

    /** The newest messages to one address (compared without regard to case, as addresses are). */
    List<OutboxRow> newestTo(String recipient, int limit) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where lower(recipient) = lower(:recipient) "
                        + "order by created_at desc, id desc limit :limit")
                .param("recipient", recipient).param("limit", limit).query(OutboxRepository::map).list();
    }

    Optional<OutboxRow> findTo(String recipient, String id) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where id = :id and lower(recipient) = lower(:recipient)")
                .param("id", id).param("recipient", recipient).query(OutboxRepository::map).optional();
    }

    private static OutboxRow map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime sent = rs.getObject("sent_at", OffsetDateTime.class);
        return new OutboxRow(rs.getString("id"), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("text_body"), rs.getString("html_body"), OutboxStatus.of(rs.getString("status")), rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(), rs.getString("last_error"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), sent == null ? null : sent.toInstant());
    }
}
