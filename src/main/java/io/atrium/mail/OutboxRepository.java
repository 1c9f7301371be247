package io.atrium.mail;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    private static final String COLUMNS = "id, recipient, subject, text_body, html_body, status, attempts, "
            + "next_attempt_at, last_error, created_at, sent_at";

    static final String CLEARED_TEXT = "This message held a single-use link; its text was removed once it was sent.";

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

    List<String> dueIds(Instant now, int limit) {
        return jdbc.sql("""
                select id from mail_outbox where status = :pending and next_attempt_at <= :now
                order by next_attempt_at limit :limit""")
                .param("pending", OutboxStatus.PENDING.value()).param("now", utc(now)).param("limit", limit)
                .query(String.class).list();
    }

    /**
     * Takes a due message for this node by pushing its next attempt past the lease: of several nodes racing
     * for it, exactly one update matches. A node that dies mid-send leaves it to be retried after the lease.
     */
    boolean claim(String id, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                update mail_outbox set next_attempt_at = :lease
                where id = :id and status = :pending and next_attempt_at <= :now""")
                .param("id", id).param("pending", OutboxStatus.PENDING.value()).param("now", utc(now)).param("lease", utc(leaseUntil))
                .update() == 1;
    }

    Optional<OutboxRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from mail_outbox where id = :id").param("id", id)
                .query(OutboxRepository::map).optional();
    }

    void markSent(String id, int attempts, Instant now) {
        jdbc.sql("update mail_outbox set status = :sent, attempts = :attempts, sent_at = :now, last_error = null "
                        + "where id = :id")
                .param("id", id).param("sent", OutboxStatus.SENT.value()).param("attempts", attempts).param("now", utc(now)).update();
    }

    void markRetry(String id, int attempts, Instant nextAttempt, String error) {
        jdbc.sql("update mail_outbox set attempts = :attempts, next_attempt_at = :next, last_error = :error where id = :id")
                .param("id", id).param("attempts", attempts).param("next", utc(nextAttempt)).param("error", error)
                .update();
    }

    /** Replaces the body of a message that holds a secret, keeping what its delivery state is shown from. */
    void clearSecretBody(String id) {
        jdbc.sql("update mail_outbox set text_body = :text, html_body = :html where id = :id and holds_secret")
                .param("id", id).param("text", CLEARED_TEXT).param("html", "<p>" + CLEARED_TEXT + "</p>").update();
    }

    void markFailed(String id, int attempts, String error) {
        jdbc.sql("update mail_outbox set status = :failed, attempts = :attempts, last_error = :error where id = :id")
                .param("id", id).param("failed", OutboxStatus.FAILED.value()).param("attempts", attempts).param("error", error).update();
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
