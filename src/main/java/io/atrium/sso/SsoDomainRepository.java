package io.atrium.sso;

import static io.atrium.shared.SqlTime.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The email domains organizations claim, and the ones they own (verified through DNS). */
@Repository
class SsoDomainRepository {

    /** @param verifiedAt when its TXT record was found, or null while the domain is only claimed */
    record DomainRow(String domain, Instant verifiedAt) {

        public boolean owned() {
            return verifiedAt != null;
        }
    }

    private final JdbcClient jdbc;

    SsoDomainRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<DomainRow> ofAccount(String accountId) {
        return jdbc.sql("select domain, verified_at from sso_domains where account_id = :accountId order by domain")
                .param("accountId", accountId)
                .query((rs, n) -> {
                    OffsetDateTime verified = rs.getObject("verified_at", OffsetDateTime.class);
                    return new DomainRow(rs.getString("domain"), verified == null ? null : verified.toInstant());
                }).list();
    }

    /** @return false when the organization already claims the domain */
    boolean insertIfAbsent(String accountId, String domain, Instant now) {
        return jdbc.sql("""
                insert into sso_domains (account_id, domain, created_at)
                select :accountId, :domain, :now
                where not exists (select 1 from sso_domains where account_id = :accountId and domain = :domain)""")
                .param("accountId", accountId).param("domain", domain).param("now", utc(now)).update() == 1;
    }

    /**
     * Marks the domain owned by the organization.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another organization owns it
     */
    boolean markOwned(String accountId, String domain, Instant now) {
        return jdbc.sql("""
                update sso_domains set owned_domain = domain, verified_at = :now
                where account_id = :accountId and domain = :domain""")
                .param("accountId", accountId).param("domain", domain).param("now", utc(now)).update() == 1;
    }

    boolean delete(String accountId, String domain) {
        return jdbc.sql("delete from sso_domains where account_id = :accountId and domain = :domain")
                .param("accountId", accountId).param("domain", domain).update() == 1;
    }

    boolean owns(String accountId, String domain) {
        return jdbc.sql("select count(*) from sso_domains where account_id = :accountId and owned_domain = :domain")
                .param("accountId", accountId).param("domain", domain).query(Long.class).single() > 0;
    }

    long countOwned(String accountId) {
        return jdbc.sql("select count(*) from sso_domains where account_id = :accountId and owned_domain is not null")
                .param("accountId", accountId).query(Long.class).single();
    }

    /** The organization that owns the domain and has single sign-on turned on, if any. */
    Optional<String> organizationSigningIn(String domain) {
        return jdbc.sql("""
                select d.account_id from sso_domains d join sso_settings s on s.account_id = d.account_id
                where d.owned_domain = :domain and s.enabled""")
                .param("domain", domain).query(String.class).optional();
    }
}
