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

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UserRow user) {
        jdbc.sql("""
                insert into users (id, email, email_key, name, password_hash, created_at, updated_at)
                values (:id, :email, :emailKey, :name, :passwordHash, :createdAt, :createdAt)""")
                .param("id", user.id())
                .param("email", user.email())
                .param("emailKey", EmailAddresses.key(user.email()))
                .param("name", user.name())
                .param("passwordHash", user.passwordHash())
                .param("createdAt", utc(user.createdAt()))
                .update();
    }

    Optional<UserRow> findById(String id) {
        return jdbc.sql("select id, email, name, password_hash, created_at from users where id = :id")
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    Optional<UserRow> findByEmail(String email) {
        return jdbc.sql("select id, email, name, password_hash, created_at from users where email_key = :emailKey")
                .param("emailKey", EmailAddresses.key(email))
                .query(UserRepository::map)
                .optional();
    }

    void updateName(String id, String name, Instant now) {
        jdbc.sql("update users set name = :name, updated_at = :now where id = :id")
                .param("id", id).param("name", name).param("now", utc(now))
                .update();
    }

    void updateEmail(String id, String email, Instant now) {
        jdbc.sql("update users set email = :email, email_key = :emailKey, updated_at = :now where id = :id")
                .param("id", id)
                .param("email", email)
                .param("emailKey", EmailAddresses.key(email))
                .param("now", utc(now))
                .update();
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
        return jdbc.sql("select id, email, name, password_hash, created_at from users where id in (:ids)")
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
        return new UserRow(rs.getString("id"), rs.getString("email"), rs.getString("name"),
                rs.getString("password_hash"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
