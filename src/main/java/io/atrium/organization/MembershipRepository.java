package io.atrium.organization;

import static io.atrium.shared.SqlTime.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MembershipRepository {

    record MembershipRow(String accountId, String userId, Role role, Instant joinedAt) {
    }

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the membership unless it exists. @return whether a row was added */
    boolean insertIfAbsent(String accountId, String userId, Role role, Instant now) {
        return jdbc.sql("""
                insert into memberships (account_id, user_id, role, joined_at)
                select :accountId, :userId, :role, :now
                where not exists (select 1 from memberships where account_id = :accountId and user_id = :userId)""")
                .param("accountId", accountId).param("userId", userId).param("role", role.value())
                .param("now", utc(now))
                .update() == 1;
    }

    Optional<MembershipRow> find(String accountId, String userId) {
        return jdbc.sql("select account_id, user_id, role, joined_at from memberships where account_id = :accountId and user_id = :userId")
                .param("accountId", accountId).param("userId", userId)
                .query(MembershipRepository::map).optional();
    }

    List<MembershipRow> ofAccount(String accountId) {
        return jdbc.sql("select account_id, user_id, role, joined_at from memberships where account_id = :accountId order by joined_at, user_id")
                .param("accountId", accountId)
                .query(MembershipRepository::map).list();
    }

    List<MembershipRow> ofUser(String userId) {
        return jdbc.sql("select account_id, user_id, role, joined_at from memberships where user_id = :userId")
                .param("userId", userId)
                .query(MembershipRepository::map).list();
    }

    /**
     * Locks every membership row of the organization until the transaction ends, so role changes, removals
     * and departures in one organization happen one after another and the admin count they check is current.
     */
    void lockOrganization(String accountId) {
        jdbc.sql("select user_id from memberships where account_id = :accountId for update")
                .param("accountId", accountId).query(String.class).list();
    }

    long countAdmins(String accountId) {
        return jdbc.sql("select count(*) from memberships where account_id = :accountId and role = 'admin'")
                .param("accountId", accountId).query(Long.class).single();
    }

    long count(String accountId) {
        return jdbc.sql("select count(*) from memberships where account_id = :accountId")
                .param("accountId", accountId).query(Long.class).single();
    }

    void updateRole(String accountId, String userId, Role role) {
        jdbc.sql("update memberships set role = :role where account_id = :accountId and user_id = :userId")
                .param("accountId", accountId).param("userId", userId).param("role", role.value()).update();
    }

    void delete(String accountId, String userId) {
        jdbc.sql("delete from memberships where account_id = :accountId and user_id = :userId")
                .param("accountId", accountId).param("userId", userId).update();
    }

    private static MembershipRow map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new MembershipRow(rs.getString("account_id"), rs.getString("user_id"),
                Role.parse("role", rs.getString("role")), rs.getObject("joined_at", OffsetDateTime.class).toInstant());
    }
}
