package io.atrium.audit;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.shared.SqlTime;
import io.atrium.shared.Where;

/**
 * The {@code audit_log} table. Reading joins {@code users} (plain read SQL, nothing else of the account feature)
 * so entries can be filtered by the actor's name or email and paged in the database.
 */
@Repository
class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String accountId, String actorUserId, String action, String target, String details,
            String clientAddress, Instant createdAt) {
        jdbc.sql("""
                insert into audit_log (id, account_id, actor_user_id, action, target, details, client_address, created_at)
                values (:id, :accountId, :actor, :action, :target, :details, :address, :createdAt)""")
                .param("id", id)
                .param("accountId", accountId)
                .param("actor", actorUserId)
                .param("action", action)
                .param("target", target)
                .param("details", details)
                .param("address", clientAddress)
                .param("createdAt", utc(createdAt))
                .update();
    }

    /** One page of the account's entries that match, newest (or oldest) first. */
    List<AuditEntry> find(String accountId, AuditFilter filter, boolean newestFirst, int limit, long offset) {
        Where where = where(accountId, filter);
        String order = newestFirst ? "desc" : "asc";
        String sql = """
                select a.id, a.action, a.actor_user_id, u.name as actor_name, u.email as actor_email, a.target,
                       a.details, a.client_address, a.created_at
                from audit_log a left join users u on u.id = a.actor_user_id
                """ + "where " + where.sql()
                + " order by a.created_at " + order + ", a.id " + order + " limit :limit offset :offset";
        return jdbc.sql(sql).params(where.params()).param("limit", limit).param("offset", offset)
                .query(AuditRepository::map).list();
    }

    long count(String accountId, AuditFilter filter) {
        Where where = where(accountId, filter);
        return jdbc.sql("select count(*) from audit_log a left join users u on u.id = a.actor_user_id where "
                        + where.sql())
                .params(where.params()).query(Long.class).single();
    }

    private static Where where(String accountId, AuditFilter filter) {
        Where where = Where.of("a.account_id = :accountId").param("accountId", accountId);
        if (filter.actor() != null) {
            String text = where.bind("%" + likeEscaped(filter.actor().toLowerCase(Locale.ROOT)) + "%");
            where.and("(a.actor_user_id = " + where.bind(filter.actor()) + " or lower(u.name) like " + text
                    + " escape '\\' or u.email_key like " + text + " escape '\\')");
        }
        if (filter.actionIsPrefix()) {
            where.and("a.action like " + where.bind(likeEscaped(filter.action()) + "%") + " escape '\\'");
        } else {
            where.equal("a.action", filter.action());
        }
        if (filter.from() != null) {
            where.and("a.created_at >= " + where.bind(SqlTime.startOf(filter.from())));
        }
        if (filter.to() != null) {
            where.and("a.created_at < " + where.bind(SqlTime.startOf(filter.to().plusDays(1))));
        }
        return where;
    }

    /** Makes {@code %}, {@code _} and the escape character itself match literally in a LIKE pattern. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        String actorId = rs.getString("actor_user_id");
        AuditEntry.Actor actor = actorId == null ? null
                : new AuditEntry.Actor(actorId, rs.getString("actor_name"), rs.getString("actor_email"));
        return new AuditEntry(rs.getString("id"), rs.getString("action"), actor, rs.getString("target"),
                rs.getString("details"), rs.getString("client_address"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
