package io.atrium.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

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
                .param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** One page of the account's entries that match, newest (or oldest) first. */
    List<AuditEntry> find(String accountId, AuditFilter filter, boolean newestFirst, int limit, long offset) {
        Map<String, Object> params = new HashMap<>();
        String order = newestFirst ? "desc" : "asc";
        String sql = """
                select a.id, a.action, a.actor_user_id, u.name as actor_name, u.email as actor_email, a.target,
                       a.details, a.client_address, a.created_at
                from audit_log a left join users u on u.id = a.actor_user_id
                """ + where(accountId, filter, params)
                + " order by a.created_at " + order + ", a.id " + order + " limit :limit offset :offset";
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(sql).params(params).query(AuditRepository::map).list();
    }

    long count(String accountId, AuditFilter filter) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from audit_log a left join users u on u.id = a.actor_user_id "
                        + where(accountId, filter, params))
                .params(params).query(Long.class).single();
    }

    /** The conditions, from fixed fragments only; every value the caller gave is a bound parameter. */
    private static String where(String accountId, AuditFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("where a.account_id = :accountId");
        params.put("accountId", accountId);
        if (filter.actor() != null) {
            where.append(" and (a.actor_user_id = :actorId or lower(u.name) like :actorText escape '\\'"
                    + " or u.email_key like :actorText escape '\\')");
            params.put("actorId", filter.actor());
            params.put("actorText", "%" + likeEscaped(filter.actor().toLowerCase(Locale.ROOT)) + "%");
        }
        if (filter.actionIsPrefix()) {
            where.append(" and a.action like :actionPrefix escape '\\'");
            params.put("actionPrefix", likeEscaped(filter.action()) + "%");
        } else if (filter.action() != null) {
            where.append(" and a.action = :action");
            params.put("action", filter.action());
        }
        if (filter.from() != null) {
            where.append(" and a.created_at >= :fromTime");
            params.put("fromTime", filter.from().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            where.append(" and a.created_at < :untilTime");
            params.put("untilTime", filter.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        return where.toString();
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
