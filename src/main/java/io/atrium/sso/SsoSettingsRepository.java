package io.atrium.sso;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.organization.Role;

/** An organization's single sign-on settings, one row per organization. */
@Repository
class SsoSettingsRepository {

    record SettingsRow(String accountId, String issuer, String clientId, String clientSecretSealed, Role joinRole,
            Instant testedAt, boolean enabled, boolean requireSso) {

        @Override
        public String toString() {
            return "SettingsRow[accountId=" + accountId + ", issuer=" + issuer + ", clientId=" + clientId + "]";
        }
    }

    private static final String COLUMNS = "account_id, issuer, client_id, client_secret_sealed, join_role, tested_at, "
            + "enabled, require_sso";

    private final JdbcClient jdbc;

    SsoSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SettingsRow> find(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from sso_settings where account_id = :accountId")
                .param("accountId", accountId).query(SsoSettingsRepository::map).optional();
    }

    /** Locks the organization's row until the transaction ends, so changes to it happen one after another. */
    Optional<SettingsRow> lock(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from sso_settings where account_id = :accountId for update")
                .param("accountId", accountId).query(SsoSettingsRepository::map).optional();
    }

    void insert(SettingsRow row, Instant now) {
        jdbc.sql("""
                insert into sso_settings (account_id, issuer, client_id, client_secret_sealed, join_role, tested_at,
                    enabled, require_sso, updated_at)
                values (:accountId, :issuer, :clientId, :secret, :role, null, false, false, :now)""")
                .param("accountId", row.accountId()).param("issuer", row.issuer()).param("clientId", row.clientId())
                .param("secret", row.clientSecretSealed()).param("role", row.joinRole().value())
                .param("now", utc(now)).update();
    }

    /** Saves every column but require_sso; the caller decides what a change of provider clears. */
    void update(SettingsRow row, Instant now) {
        jdbc.sql("""
                update sso_settings set issuer = :issuer, client_id = :clientId, client_secret_sealed = :secret,
                    join_role = :role, tested_at = :testedAt, enabled = :enabled, require_sso = :requireSso,
                    updated_at = :now
                where account_id = :accountId""")
                .param("accountId", row.accountId()).param("issuer", row.issuer()).param("clientId", row.clientId())
                .param("secret", row.clientSecretSealed()).param("role", row.joinRole().value())
                .param("testedAt", row.testedAt() == null ? null : utc(row.testedAt()))
                .param("enabled", row.enabled()).param("requireSso", row.requireSso())
                .param("now", utc(now)).update();
    }

    /** Every organization's settings: for sealing secrets again after the master key changed. */
    List<SettingsRow> all() {
        return jdbc.sql("select " + COLUMNS + " from sso_settings order by account_id").query(SsoSettingsRepository::map).list();
    }

    void replaceSealedSecret(String accountId, String sealed) {
        jdbc.sql("update sso_settings set client_secret_sealed = :secret where account_id = :accountId")
                .param("accountId", accountId).param("secret", sealed).update();
    }

    /** Whether the organization lets members in only through its provider: required, and turned on. */
    boolean requiresSso(String accountId) {
        return jdbc.sql("select count(*) from sso_settings where account_id = :accountId and enabled and require_sso")
                .param("accountId", accountId).query(Long.class).single() > 0;
    }

    private static SettingsRow map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime tested = rs.getObject("tested_at", OffsetDateTime.class);
        return new SettingsRow(rs.getString("account_id"), rs.getString("issuer"), rs.getString("client_id"),
                rs.getString("client_secret_sealed"), Role.parse("join_role", rs.getString("join_role")),
                tested == null ? null : tested.toInstant(), rs.getBoolean("enabled"), rs.getBoolean("require_sso"));
    }
}
