package io.atrium.invitation;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.organization.Role;
import io.atrium.shared.EmailAddresses;

@Repository
class InvitationRepository {

    private static final String COLUMNS = "id, account_id, email, role, invited_by_user_id, status, mail_id, "
            + "created_at, last_sent_at, expires_at";

    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(InvitationRow row, String tokenHash) {
        jdbc.sql("""
                insert into invitations (id, account_id, email, email_key, pending_email_key, role, token_hash,
                    invited_by_user_id, status, mail_id, created_at, last_sent_at, expires_at)
                values (:id, :accountId, :email, :emailKey, :emailKey, :role, :tokenHash,
                    :invitedBy, :status, :mailId, :createdAt, :createdAt, :expiresAt)""")
                .param("id", row.id())
                .param("accountId", row.accountId())
                .param("email", row.email())
                .param("emailKey", EmailAddresses.key(row.email()))
                .param("role", row.role().value())
                .param("tokenHash", tokenHash)
                .param("invitedBy", row.invitedByUserId())
                .param("status", row.status().value())
                .param("mailId", row.mailId())
                .param("createdAt", utc(row.createdAt()))
                .param("expiresAt", utc(row.expiresAt()))
                .update();
    }

    Optional<InvitationRow> findPendingFor(String accountId, String email) {
        return jdbc.sql("select " + COLUMNS + " from invitations where account_id = :accountId and pending_email_key = :key")
                .param("accountId", accountId).param("key", EmailAddresses.key(email))
                .query(InvitationRepository::map).optional();
    }

    Optional<InvitationRow> findPending(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from invitations where account_id = :accountId and id = :id and status = :pending")
                .param("accountId", accountId).param("id", id).param("pending", InvitationStatus.PENDING.value())
                .query(InvitationRepository::map).optional();
    }

    Optional<InvitationRow> findByTokenHash(String tokenHash) {
        return jdbc.sql("select " + COLUMNS + " from invitations where token_hash = :hash")
                .param("hash", tokenHash)
                .query(InvitationRepository::map).optional();
    }

    /** Resend (R-INV-3): a new token, role and expiry replace the old ones, so the old link stops working. */
    void renew(String accountId, String id, String tokenHash, Role role, String invitedBy, String mailId, Instant now,
            Instant expiresAt) {
        jdbc.sql("""
                update invitations set token_hash = :tokenHash, role = :role, invited_by_user_id = :invitedBy,
                    mail_id = :mailId, last_sent_at = :now, expires_at = :expiresAt
                where account_id = :accountId and id = :id and status = :pending""")
                .param("accountId", accountId).param("id", id).param("pending", InvitationStatus.PENDING.value())
                .param("tokenHash", tokenHash)
                .param("role", role.value()).param("invitedBy", invitedBy).param("mailId", mailId)
                .param("now", utc(now)).param("expiresAt", utc(expiresAt))
                .update();
    }


    /**
     * Marks the invitation used, if it still is pending and unexpired. Of two accepts racing for one token the
     * second waits for the first's row lock, then matches nothing: only one can win.
     */
    boolean markAccepted(String id, String userId, Instant now) {
        return jdbc.sql("""
                update invitations set status = :accepted, pending_email_key = null, ended_at = :now,
                    accepted_by_user_id = :userId
                where id = :id and status = :pending and expires_at > :now""")
                .param("accepted", InvitationStatus.ACCEPTED.value()).param("pending", InvitationStatus.PENDING.value())
                .param("id", id).param("userId", userId).param("now", utc(now))
                .update() == 1;
    }

    boolean markRevoked(String accountId, String id, Instant now) {
        return jdbc.sql("""
                update invitations set status = :revoked, pending_email_key = null, ended_at = :now
                where account_id = :accountId and id = :id and status = :pending""")
                .param("revoked", InvitationStatus.REVOKED.value()).param("pending", InvitationStatus.PENDING.value())
                .param("accountId", accountId).param("id", id).param("now", utc(now))
                .update() == 1;
    }

    List<InvitationRow> pending(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from invitations where account_id = :accountId and status = :pending "
                        + "order by last_sent_at desc, id desc")
                .param("accountId", accountId).param("pending", InvitationStatus.PENDING.value())
                .query(InvitationRepository::map).list();
    }

    /** Invitation emails the organization has queued since then, resends included. */
    long countSentSince(String accountId, Instant since) {
        return jdbc.sql("select count(*) from invitation_sends where account_id = :accountId and sent_at > :since")
                .param("accountId", accountId).param("since", utc(since))
                .query(Long.class).single();
    }

    /** Emails this invitation has queued since then. */
    long countSentSince(String accountId, String invitationId, Instant since) {
        return jdbc.sql("""
                select count(*) from invitation_sends
                where account_id = :accountId and invitation_id = :invitationId and sent_at > :since""")
                .param("accountId", accountId).param("invitationId", invitationId).param("since", utc(since))
                .query(Long.class).single();
    }

    void recordSent(String accountId, String invitationId, Instant now) {
        jdbc.sql("insert into invitation_sends (account_id, invitation_id, sent_at) values (:accountId, :invitationId, :now)")
                .param("accountId", accountId).param("invitationId", invitationId).param("now", utc(now))
                .update();
    }

    private static InvitationRow map(ResultSet rs, int row) throws SQLException {
        return new InvitationRow(rs.getString("id"), rs.getString("account_id"), rs.getString("email"),
                Role.parse("role", rs.getString("role")), rs.getString("invited_by_user_id"),
                InvitationStatus.of(rs.getString("status")),
                rs.getString("mail_id"), instant(rs, "created_at"), instant(rs, "last_sent_at"), instant(rs, "expires_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
