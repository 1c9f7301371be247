package io.atrium.webhook;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Webhook endpoints; every statement but those of the delivery job and resealing takes the account's id. */
@Repository
class EndpointRepository {

    record EndpointRow(String id, String accountId, String url, String description, List<String> events,
            String secretSealed, boolean enabled, Instant failingSince, Instant disabledAt, String createdByUserId,
            Instant createdAt, Instant updatedAt) {

        boolean hears(WebhookEvent event) {
            return events.contains(event.type());
        }
    }

    private static final String COLUMNS = "id, account_id, url, description, events, secret_sealed, enabled, "
            + "failing_since, disabled_at, created_by_user_id, created_at, updated_at";

    private final JdbcClient jdbc;

    EndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(EndpointRow row) {
        jdbc.sql("insert into webhook_endpoints (" + COLUMNS + ") values (:id, :accountId, :url, :description, :events, "
                        + ":secret, :enabled, null, null, :createdBy, :now, :now)")
                .param("id", row.id()).param("accountId", row.accountId()).param("url", row.url())
                .param("description", row.description()).param("events", String.join(",", row.events()))
                .param("secret", row.secretSealed()).param("enabled", row.enabled())
                .param("createdBy", row.createdByUserId()).param("now", utc(row.createdAt()))
                .update();
    }

    Optional<EndpointRow> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).query(EndpointRepository::map).optional();
    }

    List<EndpointRow> ofAccount(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where account_id = :accountId "
                        + "order by created_at desc, id desc")
                .param("accountId", accountId).query(EndpointRepository::map).list();
    }

    /** The account's enabled endpoints that hear the event. */
    List<EndpointRow> hearing(String accountId, WebhookEvent event) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where account_id = :accountId and enabled = true")
                .param("accountId", accountId).query(EndpointRepository::map).list().stream()
                .filter(row -> row.hears(event)).toList();
    }

    /** Url, description, events, and whether it is enabled with since when it fails and when it was disabled. */
    void update(EndpointRow row, Instant now) {
        jdbc.sql("""
                update webhook_endpoints set url = :url, description = :description, events = :events,
                    enabled = :enabled, failing_since = :failingSince, disabled_at = :disabledAt, updated_at = :now
                where account_id = :accountId and id = :id""")
                .param("accountId", row.accountId()).param("id", row.id()).param("url", row.url())
                .param("description", row.description()).param("events", String.join(",", row.events()))
                .param("enabled", row.enabled())
                .param("failingSince", row.failingSince() == null ? null : utc(row.failingSince()))
                .param("disabledAt", row.disabledAt() == null ? null : utc(row.disabledAt()))
                .param("now", utc(now))
                .update();
    }

    void replaceSecret(String accountId, String id, String sealed, Instant now) {
        jdbc.sql("update webhook_endpoints set secret_sealed = :secret, updated_at = :now "
                        + "where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).param("secret", sealed).param("now", utc(now)).update();
    }

    void delete(String accountId, String id) {
        jdbc.sql("delete from webhook_endpoints where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).update();
    }

    /** A delivery went through: the endpoint is not failing any more. */
    void succeeded(String accountId, String id) {
        jdbc.sql("update webhook_endpoints set failing_since = null where account_id = :accountId and id = :id "
                        + "and failing_since is not null")
                .param("accountId", accountId).param("id", id).update();
    }

    /**
     * A delivery failed: the endpoint is failing since now unless it already was.
     *
     * @return since when it has been failing
     */
    Instant failed(String accountId, String id, Instant now) {
        jdbc.sql("update webhook_endpoints set failing_since = :now where account_id = :accountId and id = :id "
                        + "and failing_since is null")
                .param("accountId", accountId).param("id", id).param("now", utc(now)).update();
        return jdbc.sql("select failing_since from webhook_endpoints where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).single();
    }

    /** @return whether it was enabled until now (so that only one node tells the administrators) */
    boolean disable(String accountId, String id, Instant now) {
        return jdbc.sql("update webhook_endpoints set enabled = false, disabled_at = :now, updated_at = :now "
                        + "where account_id = :accountId and id = :id and enabled = true")
                .param("accountId", accountId).param("id", id).param("now", utc(now)).update() == 1;
    }

    /** Every endpoint of every account: for sealing secrets again after the master key changed. */
    List<EndpointRow> all() {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints").query(EndpointRepository::map).list();
    }

    void replaceSealedSecret(String id, String sealed) {
        jdbc.sql("update webhook_endpoints set secret_sealed = :secret where id = :id")
                .param("id", id).param("secret", sealed).update();
    }

    private static EndpointRow map(ResultSet rs, int row) throws SQLException {
        String events = rs.getString("events");
        return new EndpointRow(rs.getString("id"), rs.getString("account_id"), rs.getString("url"),
                rs.getString("description"), events.isEmpty() ? List.of() : Arrays.asList(events.split(",")),
                rs.getString("secret_sealed"), rs.getBoolean("enabled"), instant(rs, "failing_since"),
                instant(rs, "disabled_at"), rs.getString("created_by_user_id"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
