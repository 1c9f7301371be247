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

/** Accounts are created on the plan the schema gives them (free); only the plan module changes it. */
@Repository
class AccountRepository {

    /** A personal account is named after its user, so the name is read through the user. */
    private static final String SELECT = """
            select a.id, a.kind, coalesce(a.name, u.name) as name, a.plan, a.created_at, a.two_factor_required
            from accounts a left join users u on u.id = a.personal_of_user_id
            """;

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPersonal(String accountId, String userId, Instant now) {
        jdbc.sql("""
                insert into accounts (id, kind, personal_of_user_id, created_at, updated_at)
                values (:id, 'personal', :userId, :now, :now)""")
                .param("id", accountId)
                .param("userId", userId)
                .param("now", utc(now))
                .update();
    }

    Optional<AccountView> findPersonal(String userId) {
        return jdbc.sql(SELECT + " where a.personal_of_user_id = :userId")
                .param("userId", userId)
                .query(AccountRepository::map)
                .optional();
    }

    void insertOrganization(String accountId, String name, String creatorUserId, Instant now) {
        jdbc.sql("""
                insert into accounts (id, kind, name, created_by_user_id, created_at, updated_at)
                values (:id, 'organization', :name, :creator, :now, :now)""")
                .param("id", accountId)
                .param("name", name)
                .param("creator", creatorUserId)
                .param("now", utc(now))
                .update();
    }

    Optional<AccountView> find(String accountId) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", accountId)
                .query(AccountRepository::map).optional();
    }

    List<AccountView> findAll(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where a.id in (:ids)").param("ids", accountIds)
                .query(AccountRepository::map).list();
    }

    Optional<AccountView> findCreatedBy(String userId) {
        return jdbc.sql(SELECT + " where a.created_by_user_id = :userId").param("userId", userId)
                .query(AccountRepository::map).optional();
    }

    void renameOrganization(String accountId, String name, Instant now) {
        jdbc.sql("update accounts set name = :name, updated_at = :now where id = :id and kind = 'organization'")
                .param("id", accountId).param("name", name).param("now", utc(now))
                .update();
    }

    void changePlan(String accountId, String plan, Instant now) {
        jdbc.sql("update accounts set plan = :plan, updated_at = :now where id = :id")
                .param("id", accountId).param("plan", plan).param("now", utc(now))
                .update();
    }

    void requireTwoFactor(String accountId, boolean required, Instant now) {
        jdbc.sql("""
                update accounts set two_factor_required = :required, updated_at = :now
                where id = :id and kind = 'organization'""")
                .param("id", accountId).param("required", required).param("now", utc(now))
                .update();
    }

    /** Everything that belongs to the account goes with it: its tables reference it with {@code on delete cascade}. */
    void deleteOrganization(String accountId) {
        jdbc.sql("update users set active_account_id = null where active_account_id = :id").param("id", accountId).update();
        jdbc.sql("delete from accounts where id = :id and kind = 'organization'").param("id", accountId).update();
    }

    private static AccountView map(ResultSet rs, int row) throws SQLException {
        return new AccountView(rs.getString("id"), AccountKind.of(rs.getString("kind")), rs.getString("name"),
                rs.getString("plan"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getBoolean("two_factor_required"));
    }
}
