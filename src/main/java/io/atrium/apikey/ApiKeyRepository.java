package io.atrium.apikey;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, account_id, key_id, secret_hash, name, created_by_user_id, "
            + "created_at, expires_at, revoked_at, last_used_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ApiKeyRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    void insert(ApiKeyRow row) {
        jdbc.sql("""
                insert into api_keys (id, account_id, key_id, secret_hash, name, created_by_user_id, created_at, expires_at)
                values (:id, :accountId, :keyId, :secretHash, :name, :createdBy, :createdAt, :expiresAt)""")
                .param("id", row.id())
                .param("accountId", row.accountId())
                .param("keyId", row.keyId())
                .param("secretHash", row.secretHash())
                .param("name", row.name())
                .param("createdBy", row.createdByUserId())
                .param("createdAt", utc(row.createdAt()))
                .param("expiresAt", utc(row.expiresAt()))
                .update();
    }

    /** For verifying a presented key: the key id is globally unique, and says nothing without the secret. */
    Optional<ApiKeyRow> findByKeyId(String keyId) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where key_id = :keyId").param("keyId", keyId)
                .query(ApiKeyRepository::map).optional();
    }

    Optional<ApiKeyRow> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id)
                .query(ApiKeyRepository::map).optional();
    }

    List<ApiKeyRow> ofAccount(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where account_id = :accountId order by created_at desc, id desc")
                .param("accountId", accountId)
                .query(ApiKeyRepository::map).list();
    }

    List<ApiKeyRow> ofCreator(String accountId, String userId) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where account_id = :accountId and created_by_user_id = :userId "
                        + "order by created_at desc, id desc")
                .param("accountId", accountId).param("userId", userId)
                .query(ApiKeyRepository::map).list();
    }

    boolean revoke(String accountId, String id, String byUserId, Instant now) {
        return jdbc.sql("""
                update api_keys set revoked_at = :now, revoked_by_user_id = :by
                where account_id = :accountId and id = :id and revoked_at is null""")
                .param("accountId", accountId).param("id", id).param("by", byUserId).param("now", utc(now))
                .update() == 1;
    }

    /** Writes many "last used" times in one round trip, never moving one backwards. */
    void updateLastUsed(Map<String, Instant> lastUsedById) {
        List<Object[]> rows = lastUsedById.entrySet().stream()
                .map(e -> new Object[] {Timestamp.from(e.getValue()), e.getKey(), Timestamp.from(e.getValue())})
                .toList();
        batch.batchUpdate("update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)",
                rows);
    }

    private static ApiKeyRow map(ResultSet rs, int row) throws SQLException {
        return new ApiKeyRow(rs.getString("id"), rs.getString("account_id"), rs.getString("key_id"),
                rs.getString("secret_hash"), rs.getString("name"), rs.getString("created_by_user_id"),
                instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at"),
                instant(rs, "last_used_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
