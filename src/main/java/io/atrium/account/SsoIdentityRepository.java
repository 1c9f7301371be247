package io.atrium.account;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SSO identities, always read within their organization. */
@Repository
class SsoIdentityRepository {

    private static final String COLUMNS = "account_id, user_id, issuer, subject, email, linked_at";

    private final JdbcClient jdbc;

    SsoIdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SsoIdentityView identity) {
        jdbc.sql("insert into sso_identities (" + COLUMNS + ") values (:accountId, :userId, :issuer, :subject, :email, :linkedAt)")
                .param("accountId", identity.accountId()).param("userId", identity.userId())
                .param("issuer", identity.issuer()).param("subject", identity.subject())
                .param("email", identity.email()).param("linkedAt", utc(identity.linkedAt()))
                .update();
    }

    Optional<SsoIdentityView> findBySubject(String accountId, String issuer, String subject) {
        return jdbc.sql("select " + COLUMNS + " from sso_identities where account_id = :accountId and issuer = :issuer and subject = :subject")
                .param("accountId", accountId).param("issuer", issuer).param("subject", subject)
                .query(SsoIdentityRepository::map).optional();
    }

    Optional<SsoIdentityView> findByUser(String accountId, String userId) {
        return jdbc.sql("select " + COLUMNS + " from sso_identities where account_id = :accountId and user_id = :userId")
                .param("accountId", accountId).param("userId", userId)
                .query(SsoIdentityRepository::map).optional();
    }

    /** The provider may change a person's address; the identity keeps the one it vouched for last. */
    void updateEmail(String accountId, String userId, String email) {
        jdbc.sql("update sso_identities set email = :email where account_id = :accountId and user_id = :userId")
                .param("accountId", accountId).param("userId", userId).param("email", email).update();
    }

    List<SsoIdentityView> ofAccount(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from sso_identities where account_id = :accountId")
                .param("accountId", accountId).query(SsoIdentityRepository::map).list();
    }

    private static SsoIdentityView map(ResultSet rs, int row) throws SQLException {
        return new SsoIdentityView(rs.getString("account_id"), rs.getString("user_id"), rs.getString("issuer"),
                rs.getString("subject"), rs.getString("email"), rs.getObject("linked_at", OffsetDateTime.class).toInstant());
    }
}
