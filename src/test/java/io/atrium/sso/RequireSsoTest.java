package io.atrium.sso;

import static io.atrium.testsupport.SsoOrganizations.SETTINGS;
import static io.atrium.testsupport.SsoOrganizations.location;
import static io.atrium.testsupport.SsoOrganizations.logIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.OidcProvider;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.SsoOrganizations;
import io.atrium.testsupport.SsoOrganizations.SsoOrganization;
import io.atrium.testsupport.Visitors;

/**
 * Require SSO: a member's password session works in their personal account, and choosing the organization leads to its
 * provider; a session that logged in through the provider enters; administrators keep their password log-in.
 */
@ServerTest
class RequireSsoTest {

    static final OidcProvider PROVIDER = OidcProvider.start();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void aPasswordSessionStaysInThePersonalAccountAndSwitchingLeadsToTheProviderUnlessAdministrator() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "member");
        String email = org.email("rae");
        HttpVisitor.signedUp(port, "Rae Member", email);
        PROVIDER.nextSignIn(org.issuerId(), "rae", email);
        logIn(new HttpVisitor(port), org.id());
        org.admin().submit(SETTINGS, SETTINGS + "/required", Map.of("on", "true"));
        assertThat(org.admin().get(SETTINGS).body()).contains("Required").contains(org.adminEmail());
        assertThat(jdbc.sql("select count(*) from audit_log where account_id = :a and details = 'require_sso=true'")
                .param("a", org.id()).query(Long.class).single()).isEqualTo(1);

        HttpVisitor withPassword = new HttpVisitor(port);
        withPassword.logIn(email, Visitors.PASSWORD);
        // The organization was the member's last account, but a password session opens the personal one.
        assertThat(withPassword.get("/settings/members").statusCode()).isEqualTo(404);
        assertThat(location(withPassword.submit("/", "/accounts/switch", Map.of("accountId", org.id()))))
                .endsWith("/sso/" + org.id());
        assertThat(withPassword.get("/settings/members").statusCode()).isEqualTo(404);

        HttpVisitor throughSso = new HttpVisitor(port);
        PROVIDER.nextSignIn(org.issuerId(), "rae", email);
        logIn(throughSso, org.id());
        assertThat(throughSso.get("/settings/members").body()).contains(org.name());
        // A key made in the organization keeps working: API keys are not sessions.
        String key = newApiKey(throughSso);
        java.net.http.HttpResponse<String> account = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/account"))
                        .header("x-api-key", key).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(account.statusCode()).isEqualTo(200);
        assertThat(account.body()).contains(org.id());

        HttpVisitor adminWithPassword = new HttpVisitor(port);
        adminWithPassword.logIn(org.adminEmail(), Visitors.PASSWORD);
        assertThat(adminWithPassword.get("/settings/members").statusCode()).isEqualTo(200);
    }

    private static String newApiKey(HttpVisitor visitor) throws Exception {
        String page = visitor.follow(visitor.submit("/settings/api-keys", "/settings/api-keys",
                Map.of("name", "ci", "expiration", "12"))).body();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("value=\"(atk_[^\"]+)\"").matcher(page);
        assertThat(key.find()).isTrue();
        return key.group(1);
    }
}
