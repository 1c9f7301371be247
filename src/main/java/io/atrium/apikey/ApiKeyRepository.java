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

import io.atrium.organization.Role;

@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, account_id, key_id, secret_hash, name, created_by_user_id, "
            + "created_at, expires_at, revoked_at, last_used_at, scopes, role_of_key, allowed_addresses, "
            + "previous_secret_hash, previous_secret_valid_until, rotated_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ApiKeyRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    void insert(ApiKeyRow row) {
        jdbc.sql("""
                insert into api_keys (id, account_id, key_id, secret_hash, name, created_by_user_id, created_at, expires_at,
                    scopes, owner, role_of_key, allowed_addresses)
                values (:id, :accountId, :keyId, :secretHash, :name, :createdBy, :createdAt, :expiresAt,
                    :scopes, :owner, :roleOfKey, :allowedAddresses)""")
                .param("id", row.id())
                .param("accountId", row.accountId())
                .param("keyId", row.keyId())
                .param("secretHash", row.secretHash())
                .param("name", row.name())
                .param("createdBy", row.createdByUserId())
                .param("createdAt", utc(row.createdAt()))
                .param("expiresAt", utc(row.expiresAt()))
                .param("scopes", ApiKeyScope.format(row.scopes()))
                .param("owner", row.owner())
                .param("roleOfKey", row.roleOfKey() == null ? null : row.roleOfKey().value())
                .param("allowedAddresses", row.allowedAddresses().stored())
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

    /** The keys a member created and owns: not the organization keys they created. */
    List<ApiKeyRow> ofCreator(String accountId, String userId) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where account_id = :accountId and created_by_user_id = :userId "
                        + "and owner = 'member' order by created_at desc, id desc")
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

    /**
     * Replaces the secret of a key that is neither revoked nor expired; the one it replaces is accepted until
     * {@code oldValidUntil}. A secret still in its grace period from an earlier rotation is dropped at once.
     */
    boolean rotate(String accountId, String id, String newSecretHash, Instant oldValidUntil, Instant now) {
        return jdbc.sql("""
                update api_keys set previous_secret_hash = secret_hash, previous_secret_valid_until = :until,
                    secret_hash = :hash, rotated_at = :now
                where account_id = :accountId and id = :id and revoked_at is null and expires_at > :now""")
                .param("accountId", accountId).param("id", id).param("hash", newSecretHash)
                .param("until", utc(oldValidUntil)).param("now", utc(now))
                .update() == 1;
    }

    /** Keys neither revoked nor expired whose expiry is before {@code before}, and whose reminder is not yet sent. */
    List<ApiKeyRow> dueForReminder(Reminder reminder, Instant now, Instant before) {
        return jdbc.sql("select " + COLUMNS + " from api_keys where revoked_at is null and expires_at > :now "
                        + "and expires_at <= :before and " + reminder.column + " is null order by expires_at, id")
                .param("now", utc(now)).param("before", utc(before))
                .query(ApiKeyRepository::map).list();
    }

    /** Claims a reminder: true for the one caller whose update set it. */
    boolean claimReminder(String accountId, String id, Reminder reminder, Instant now) {
        return jdbc.sql("update api_keys set " + reminder.column + " = :now where account_id = :accountId and id = :id "
                        + "and " + reminder.column + " is null")
                .param("now", utc(now)).param("accountId", accountId).param("id", id).update() == 1;
    }

    /** The two expiry reminders and where each is recorded. */
    enum Reminder {
        SEVEN_DAYS(7, "reminded_7_days_at"),
        ONE_DAY(1, "reminded_1_day_at");

        final int days;
        private final String column;

        Reminder(int days, String column) {
            this.days = days;
            this.column = column;
        }
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
                instant(rs, "last_used_at"), ApiKeyScope.parseStored(rs.getString("scopes")),
                rs.getString("role_of_key") == null ? null : Role.parse("role_of_key", rs.getString("role_of_key")),
                AddressAllowList.fromStored(rs.getString("allowed_addresses")), rs.getString("previous_secret_hash"),
                instant(rs, "previous_secret_valid_until"), instant(rs, "rotated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
