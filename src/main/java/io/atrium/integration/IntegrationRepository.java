package io.atrium.integration;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Integrations, always read within their account (R-RES-1…3). */
@Repository
class IntegrationRepository {

    record IntegrationRow(String id, String accountId, String name, String bucket, String region, String endpoint,
            String prefix, String accessKeyId, String secretSealed, Instant createdAt, Instant updatedAt) {
    }

    private static final String COLUMNS = "id, account_id, name, bucket, region, endpoint, prefix, access_key_id, "
            + "secret_access_key_sealed, created_at, updated_at";

    private final JdbcClient jdbc;

    IntegrationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(IntegrationRow row) {
        jdbc.sql("""
                insert into integrations (id, account_id, name, bucket, region, endpoint, prefix, access_key_id,
                    secret_access_key_sealed, created_at, updated_at)
                values (:id, :accountId, :name, :bucket, :region, :endpoint, :prefix, :accessKeyId, :secret, :now, :now)""")
                .param("id", row.id()).param("accountId", row.accountId()).param("name", row.name())
                .param("bucket", row.bucket()).param("region", row.region()).param("endpoint", row.endpoint())
                .param("prefix", row.prefix()).param("accessKeyId", row.accessKeyId())
                .param("secret", row.secretSealed()).param("now", utc(row.createdAt()))
                .update();
    }

    void update(IntegrationRow row, Instant now) {
        jdbc.sql("""
                update integrations set name = :name, bucket = :bucket, region = :region, endpoint = :endpoint,
                    prefix = :prefix, access_key_id = :accessKeyId, secret_access_key_sealed = :secret, updated_at = :now
                where account_id = :accountId and id = :id""")
                .param("id", row.id()).param("accountId", row.accountId()).param("name", row.name())
                .param("bucket", row.bucket()).param("region", row.region()).param("endpoint", row.endpoint())
                .param("prefix", row.prefix()).param("accessKeyId", row.accessKeyId())
                .param("secret", row.secretSealed()).param("now", utc(now))
                .update();
    }

    Optional<IntegrationRow> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from integrations where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).query(IntegrationRepository::map).optional();
    }

    /** Locks the row until the transaction ends: one import at a time per integration. */
    Optional<IntegrationRow> lock(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from integrations where account_id = :accountId and id = :id for update")
                .param("accountId", accountId).param("id", id).query(IntegrationRepository::map).optional();
    }

    List<IntegrationRow> ofAccount(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from integrations where account_id = :accountId order by created_at desc, id desc")
                .param("accountId", accountId).query(IntegrationRepository::map).list();
    }

    /** Every integration of every account: for sealing secrets again after the master key changed. */
    List<IntegrationRow> all() {
        return jdbc.sql("select " + COLUMNS + " from integrations order by id").query(IntegrationRepository::map).list();
    }

    void replaceSealedSecret(String id, String sealed) {
        jdbc.sql("update integrations set secret_access_key_sealed = :secret where id = :id")
                .param("id", id).param("secret", sealed).update();
    }

    boolean nameTaken(String accountId, String name, String exceptId) {
        return jdbc.sql("select count(*) from integrations where account_id = :accountId and name = :name and id <> :exceptId")
                .param("accountId", accountId).param("name", name).param("exceptId", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    boolean delete(String accountId, String id) {
        return jdbc.sql("delete from integrations where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).update() == 1;
    }

    private static IntegrationRow map(ResultSet rs, int row) throws SQLException {
        return new IntegrationRow(rs.getString("id"), rs.getString("account_id"), rs.getString("name"),
                rs.getString("bucket"), rs.getString("region"), rs.getString("endpoint"), rs.getString("prefix"),
                rs.getString("access_key_id"), rs.getString("secret_access_key_sealed"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
