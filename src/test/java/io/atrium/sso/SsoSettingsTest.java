package io.atrium.sso;

import static io.atrium.testsupport.SsoOrganizations.SETTINGS;
import static io.atrium.testsupport.SsoOrganizations.logIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.LoopbackDns;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.SsoOrganizations;
import io.atrium.testsupport.SsoOrganizations.SsoOrganization;
import io.atrium.testsupport.SsoServerTest;
import io.atrium.testsupport.Visitors;

/** Settings > Organization > SSO: who may open it, Test connection, domain verification, turning on, the secret. */
@ServerTest
@ExtendWith(OutputCaptureExtension.class)
class SsoSettingsTest extends SsoServerTest {

    @Test
    void testConnectionPassesOnlyWhenTheProviderSignsInTheAdministratorThemselvesVerified() throws Exception {
        SsoOrganization org = SsoOrganizations.withProvider(port, provider, "member");
        provider.nextSignIn(org.issuerId(), "someone-else", org.email("someone-else"));
        assertThat(SsoOrganizations.testConnection(org.admin()).body()).contains("Test connection failed")
                .contains("Not tested");
        provider.nextSignIn(org.issuerId(), "admin", Map.of("email", org.adminEmail(), "email_verified", false));
        assertThat(SsoOrganizations.testConnection(org.admin()).body()).contains("Test connection failed");

        provider.nextSignIn(org.issuerId(), "admin", org.adminEmail());
        HttpResponse<String> passed = SsoOrganizations.testConnection(org.admin());

        assertThat(passed.body()).contains("Test connection passed").contains("Tested ");
        // The administrator is still themselves, logged in as before, not the provider's log-in.
        assertThat(org.admin().get("/settings/members").body()).contains(org.adminEmail());
    }

    @Test
    void singleSignOnTurnsOnOnlyAfterATestAndWithAnOwnedDomain() throws Exception {
        SsoOrganization org = SsoOrganizations.withProvider(port, provider, "member");
        turnOn(org.admin());
        assertThat(org.admin().get(SETTINGS).body()).contains("Test the connection first");
        provider.nextSignIn(org.issuerId(), "admin", org.adminEmail());
        SsoOrganizations.testConnection(org.admin());
        turnOn(org.admin());
        assertThat(org.admin().get(SETTINGS).body()).contains("Verify at least one email domain first");

        SsoOrganizations.verifyDomain(org.admin(), org.domain());
        turnOn(org.admin());

        assertThat(enabled(org)).isTrue();
        assertThat(audited(org, "enabled=true")).isEqualTo(1);
    }

    @Test
    void aDomainIsOwnedOnlyOnceItsTxtRecordIsFoundThroughTheConfiguredResolver() throws Exception {
        SsoOrganization org = SsoOrganizations.withProvider(port, provider, "member");
        String domain = SsoOrganizations.uniqueDomain();
        HttpVisitor admin = org.admin();
        admin.submit(SETTINGS, SETTINGS + "/domains", Map.of("domain", domain));
        LoopbackDns.shared().publishTxt(domain, "atrium-domain-verification=someone-elses-token");

        admin.submit(SETTINGS, SETTINGS + "/domains/" + domain + "/verify", Map.of());
        assertThat(admin.get(SETTINGS).body()).contains("No TXT record").contains("Not verified");
        assertThat(owned(org, domain)).isFalse();

        LoopbackDns.shared().publishTxt(domain, SsoOrganizations.verificationRecord(admin));
        admin.submit(SETTINGS, SETTINGS + "/domains/" + domain + "/verify", Map.of());

        assertThat(owned(org, domain)).isTrue();
        assertThat(audited(org, "domain=verified")).isEqualTo(1);
        // Another organization publishing its own record at the same domain cannot take it.
        SsoOrganization other = SsoOrganizations.withProvider(port, provider, "member");
        other.admin().submit(SETTINGS, SETTINGS + "/domains", Map.of("domain", domain));
        LoopbackDns.shared().publishTxt(domain, SsoOrganizations.verificationRecord(other.admin()));
        other.admin().submit(SETTINGS, SETTINGS + "/domains/" + domain + "/verify", Map.of());
        assertThat(other.admin().get(SETTINGS).body()).contains("belongs to another organization");
    }

    @Test
    void membersPersonalAccountsAndOtherOrganizationsAdministratorsCannotReachTheSettings() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        String memberEmail = org.email("mia");
        HttpVisitor member = HttpVisitor.signedUp(port, "Mia Member", memberEmail);
        provider.nextSignIn(org.issuerId(), "mia", memberEmail);
        logIn(member, org.id());
        SsoOrganization other = SsoOrganizations.withProvider(port, provider, "member");
        HttpVisitor loner = HttpVisitor.signedUp(port, "Lone User", Visitors.uniqueEmail("loner"));

        assertThat(member.get(SETTINGS).statusCode()).isEqualTo(404);
        assertThat(member.submit("/settings/members", SETTINGS + "/required", Map.of("on", "false")).statusCode())
                .isEqualTo(404);
        assertThat(loner.get(SETTINGS).statusCode()).isEqualTo(404);
        HttpResponse<String> otherPage = other.admin().get(SETTINGS);
        assertThat(otherPage.body()).doesNotContain(org.id()).doesNotContain("atrium-" + org.issuerId());
        assertThat(other.admin().submit(SETTINGS, "/accounts/switch", Map.of("accountId", org.id())).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theClientSecretIsNeverShownLoggedOrAuditedAndAChangeOfProviderTurnsSingleSignOnOff(CapturedOutput output)
            throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        provider.nextSignIn(org.issuerId(), "sam", org.email("sam"));
        logIn(new HttpVisitor(port), org.id());

        String newSecret = SsoOrganizations.CLIENT_SECRET_PREFIX + "rotated-7731";
        org.admin().submit(SETTINGS, SETTINGS + "/provider", Map.of("issuer", provider.issuer(org.issuerId()),
                "clientId", "atrium-" + org.issuerId(), "clientSecret", newSecret, "joinRole", "member"));

        assertThat(enabled(org)).isFalse();
        String page = org.admin().get(SETTINGS).body();
        assertThat(page).contains("Not tested").doesNotContain(org.clientSecret()).doesNotContain(newSecret);
        assertThat(org.admin().get("/settings/audit-log").body()).contains("client_secret=changed")
                .doesNotContain(org.clientSecret()).doesNotContain(newSecret);
        assertThat(output.getAll()).doesNotContain(org.clientSecret()).doesNotContain(newSecret);
        assertThat(jdbc.sql("select client_secret_sealed from sso_settings where account_id = :a").param("a", org.id())
                .query(String.class).single()).startsWith("v1.").doesNotContain(newSecret);
    }

    private static void turnOn(HttpVisitor admin) throws Exception {
        admin.submit(SETTINGS, SETTINGS + "/enabled", Map.of("on", "true"));
    }

    private boolean enabled(SsoOrganization org) {
        return jdbc.sql("select enabled from sso_settings where account_id = :a").param("a", org.id())
                .query(Boolean.class).single();
    }

    private boolean owned(SsoOrganization org, String domain) {
        return jdbc.sql("select count(*) from sso_domains where account_id = :a and owned_domain = :d")
                .param("a", org.id()).param("d", domain).query(Long.class).single() > 0;
    }

    private long audited(SsoOrganization org, String details) {
        return jdbc.sql("select count(*) from audit_log where account_id = :a and action = 'organization.sso_changed' "
                + "and details = :d").param("a", org.id()).param("d", details).query(Long.class).single();
    }
}
