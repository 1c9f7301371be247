package io.atrium.account;

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

import io.atrium.shared.EmailAddresses;

@Repository
class UserRepository {

    private static final String COLUMNS = "id, email, name, password_hash, created_at, email_confirmed_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UserRow user) {
        jdbc.sql("""
                insert into users (id, email, email_key, name, password_hash, created_at, updated_at, email_confirmed_at)
                values (:id, :email, :emailKey, :name, :passwordHash, :createdAt, :createdAt, :confirmedAt)""")
                .param("id", user.id())
                .param("email", user.email())
                .param("emailKey", EmailAddresses.key(user.email()))
                .param("name", user.name())
                .param("passwordHash", user.passwordHash())
                .param("createdAt", utc(user.createdAt()))
                .param("confirmedAt", user.emailConfirmedAt() == null ? null : utc(user.emailConfirmedAt()))
                .update();
    }

    Optional<UserRow> findById(String id) {
        return jdbc.sql("select " + COLUMNS + " from users where id = :id")
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    Optional<UserRow> findByEmail(String email) {
        return jdbc.sql("select " + COLUMNS + " from users where email_key = :emailKey")
                .param("emailKey", EmailAddresses.key(email))
                .query(UserRepository::map)
                .optional();
    }

    void updateName(String id, String name, Instant now) {
        jdbc.sql("update users set name = :name, updated_at = :now where id = :id")
                .param("id", id).param("name", name).param("now", utc(now))
                .update();
    }

    /** The new address is confirmed: a change takes effect only once the link sent to it is followed. */
    void updateEmail(String id, String email, Instant now) {
        jdbc.sql("update users set email = :email, email_key = :emailKey, email_confirmed_at = :now, updated_at = :now "
                        + "where id = :id")
                .param("id", id)
                .param("email", email)
                .param("emailKey", EmailAddresses.key(email))
                .param("now", utc(now))
                .update();
    }

    /** @return false when the user's address is no longer {@code email} (it changed since the link was sent) */
    boolean confirmEmail(String id, String email, Instant now) {
        return jdbc.sql("update users set email_confirmed_at = coalesce(email_confirmed_at, :now), updated_at = :now "
                        + "where id = :id and email_key = :emailKey")
                .param("id", id).param("emailKey", EmailAddresses.key(email)).param("now", utc(now))
                .update() == 1;
    }

    void updatePasswordHash(String id, String passwordHash, Instant now) {
        jdbc.sql("update users set password_hash = :hash, updated_at = :now where id = :id")
                .param("id", id).param("hash", passwordHash).param("now", utc(now))
                .update();
    }

    List<UserRow> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from users where id in (:ids)")
                .param("ids", ids)
                .query(UserRepository::map)
                .list();
    }

    Optional<String> activeAccountId(String userId) {
        return jdbc.sql("select active_account_id from users where id = :id").param("id", userId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(id -> id);
    }

    void updateActiveAccountId(String userId, String accountId) {
        jdbc.sql("update users set active_account_id = :accountId where id = :id")
                .param("id", userId).param("accountId", accountId).update();
    }

    void clearActiveAccountId(String userId, String accountId) {
        jdbc.sql("update users set active_account_id = null where id = :id and active_account_id = :accountId")
                .param("id", userId).param("accountId", accountId).update();
    }

    private static UserRow map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime confirmed = rs.getObject("email_confirmed_at", OffsetDateTime.class);
        return new UserRow(rs.getString("id"), rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                confirmed == null ? null : confirmed.toInstant());
    }
}
