package io.atrium.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    /** A personal account is named after its user, so the name is read through the user. */
    private static final String SELECT = """
            select a.id, a.kind, coalesce(a.name, u.name) as name, a.plan, a.created_at
            from accounts a left join users u on u.id = a.personal_of_user_id
            """;

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPersonal(String accountId, String userId, Instant now) {
        jdbc.sql("""
                insert into accounts (id, kind, personal_of_user_id, plan, created_at, updated_at)
                values (:id, 'personal', :userId, 'free', :now, :now)""")
                .param("id", accountId)
                .param("userId", userId)
                .param("now", UserRepository.utc(now))
                .update();
    }

    Optional<AccountView> findPersonal(String userId) {
        return jdbc.sql(SELECT + " where a.personal_of_user_id = :userId")
                .param("userId", userId)
                .query(AccountRepository::map)
                .optional();
    }

    private static AccountView map(ResultSet rs, int row) throws SQLException {
        return new AccountView(rs.getString("id"), AccountKind.of(rs.getString("kind")), rs.getString("name"),
                rs.getString("plan"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
