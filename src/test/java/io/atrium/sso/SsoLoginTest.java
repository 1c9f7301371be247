package io.atrium.sso;

import static io.atrium.testsupport.SsoOrganizations.SETTINGS;
import static io.atrium.testsupport.SsoOrganizations.location;
import static io.atrium.testsupport.SsoOrganizations.logIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.OidcProvider;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.SsoOrganizations;
import io.atrium.testsupport.SsoOrganizations.SsoOrganization;
import io.atrium.testsupport.SsoServerTest;
import io.atrium.testsupport.Visitors;

/**
 * Logging in through an organization's provider, over real HTTP against a real OpenID Connect provider on loopback:
 * just-in-time members, linking an existing user, every answer of the provider that must be refused, and Require SSO
 * (a member's password session works in their personal account and choosing the organization leads to its provider;
 * a session that logged in through the provider enters; administrators keep their password log-in).
 */
@ServerTest
class SsoLoginTest extends SsoServerTest {

    @Test
    void aFirstLogInCreatesAConfirmedUserWhoJoinsWithTheConfiguredRoleAndWorksInTheOrganization() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "admin");
        String email = org.email("jin");
        provider.nextSignIn(org.issuerId(), "jin-subject", Map.of("email", email, "email_verified", true, "name", "Jin Park"));
        HttpVisitor jin = new HttpVisitor(port);

        HttpResponse<String> landed = logIn(jin, org.id());

        assertThat(location(landed)).endsWith("/");
        assertThat(jin.get("/").body()).contains(org.name()).contains("Jin Park");
        String userId = userId(email);
        assertThat(jdbc.sql("select email_confirmed_at is not null from users where id = :id").param("id", userId)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select role from memberships where account_id = :a and user_id = :u")
                .param("a", org.id()).param("u", userId).query(String.class).single()).isEqualTo("admin");
        assertThat(jdbc.sql("select subject from sso_identities where account_id = :a and user_id = :u")
                .param("a", org.id()).param("u", userId).query(String.class).single()).isEqualTo("jin-subject");
        assertThat(jdbc.sql("select count(*) from audit_log where account_id = :a and action = 'user.sso_login' and target = :e")
                .param("a", org.id()).param("e", email).query(Long.class).single()).isEqualTo(1);
        // The Members page shows the identity.
        assertThat(org.admin().get("/settings/members").body()).contains("jin-subject");
    }

    @Test
    void anExistingUserWithTheAddressIsLinkedAndJoinsInsteadOfANewUser() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        String email = org.email("lee");
        HttpVisitor.signedUp(port, "Lee Existing", email);
        String userId = userId(email);
        provider.nextSignIn(org.issuerId(), "lee-subject", email);

        assertThat(location(logIn(new HttpVisitor(port), org.id()))).endsWith("/");

        assertThat(jdbc.sql("select count(*) from users where email_key = :e").param("e", email).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select user_id from sso_identities where account_id = :a and subject = 'lee-subject'")
                .param("a", org.id()).query(String.class).single()).isEqualTo(userId);
        assertThat(jdbc.sql("select role from memberships where account_id = :a and user_id = :u")
                .param("a", org.id()).param("u", userId).query(String.class).single()).isEqualTo("member");
        // The password log-in keeps working, unchanged, next to single sign-on.
        assertThat(location(new HttpVisitor(port).logIn(email, Visitors.PASSWORD))).endsWith("/");
    }

    @Test
    void anAddressTheProviderDoesNotCallVerifiedIsRefused() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        String email = org.email("unverified");
        provider.nextSignIn(org.issuerId(), "unverified", Map.of("email", email, "email_verified", false));

        assertRefused(org, email, "did not confirm your email address");
    }

    @Test
    void anAddressOutsideTheOwnedDomainsIsRefused() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        String email = "outsider@" + SsoOrganizations.uniqueDomain();
        provider.nextSignIn(org.issuerId(), "outsider", email);

        assertRefused(org, email, "not in a domain this organization owns");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        String email = org.email("replayed");
        provider.nextSignIn(org.issuerId(), "replayed", Map.of("email", email, "email_verified", true, "nonce", "forged"));

        assertRefused(org, email, null);
    }

    @Test
    void anIdTokenNamingAnotherIssuerIsRefused() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        String email = org.email("elsewhere");
        provider.nextSignIn(org.issuerId(), "elsewhere",
                Map.of("email", email, "email_verified", true, "iss", provider.issuer("another-issuer")));

        assertRefused(org, email, null);
    }

    @Test
    void aCallbackWithAStateThisSessionDidNotStartIsRefused() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        String email = org.email("forged-state");
        // No sign-in is queued at the provider: the forged callback is refused before any token is asked for.
        HttpVisitor visitor = new HttpVisitor(port);
        HttpResponse<String> toProvider = visitor.follow(SsoOrganizations.continued(visitor, visitor.get("/sso/" + org.id())));
        String callback = location(visitor.follow(toProvider));

        HttpResponse<String> answer = visitor.get(
                callback.substring(callback.indexOf("/login/oauth2/code/")).replaceAll("state=[^&]+", "state=forged"));

        assertThat(location(answer)).endsWith("/sso/failed");
        assertThat(jdbc.sql("select count(*) from users where email_key = :e").param("e", email).query(Long.class).single())
                .isZero();
    }

    @Test
    void aProviderThatIsDownGetsAClearPage() throws Exception {
        OidcProvider flaky = OidcProvider.start();
        SsoOrganization org = SsoOrganizations.create(port, flaky, "member");
        flaky.close();

        HttpVisitor visitor = new HttpVisitor(port);
        HttpResponse<String> page = SsoOrganizations.continued(visitor, visitor.get("/sso/" + org.id()));

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.body()).contains("We couldn't reach your organization's sign-in provider");
    }

    @Test
    void logInWithSsoPicksTheOrganizationByTheAddressDomainAndAnswersOtherDomainsAlike() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        SsoOrganization withoutSso = SsoOrganizations.withProvider(port, provider, "member");
        HttpVisitor visitor = new HttpVisitor(port);

        HttpResponse<String> known = visitor.submit("/login", "/login/sso", Map.of("email", org.email("someone")));
        HttpResponse<String> off = visitor.submit("/login", "/login/sso", Map.of("email", withoutSso.adminEmail()));
        HttpResponse<String> unknown = visitor.submit("/login", "/login/sso",
                Map.of("email", "nobody@" + SsoOrganizations.uniqueDomain()));

        assertThat(location(known)).endsWith("/sso/" + org.id());
        assertThat(off.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(400);
        // The same words for both (the pages differ only by the address typed in and the form's token).
        assertThat(off.body()).contains("set up for this email address");
        assertThat(unknown.body()).contains("set up for this email address");
        assertThat(visitor.get("/sso/" + withoutSso.id()).statusCode()).isEqualTo(404);
    }

    @Test
    void aPasswordSessionStaysInThePersonalAccountAndSwitchingLeadsToTheProviderUnlessAdministrator() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, provider, "member");
        String email = org.email("rae");
        HttpVisitor.signedUp(port, "Rae Member", email);
        provider.nextSignIn(org.issuerId(), "rae", email);
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
        provider.nextSignIn(org.issuerId(), "rae", email);
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

    private void assertRefused(SsoOrganization org, String email, String reason) throws Exception {
        HttpVisitor visitor = new HttpVisitor(port);
        HttpResponse<String> answer = logIn(visitor, org.id());

        assertThat(location(answer)).endsWith("/sso/failed");
        HttpResponse<String> page = visitor.follow(answer);
        assertThat(page.body()).contains("Single sign-on didn't work");
        if (reason != null) {
            assertThat(page.body()).contains(reason);
        }
        assertThat(location(visitor.get("/"))).endsWith("/login");
        assertThat(jdbc.sql("select count(*) from users where email_key = :e").param("e", email).query(Long.class).single())
                .isZero();
    }

    private String userId(String email) {
        return jdbc.sql("select id from users where email_key = :e").param("e", email).query(String.class).single();
    }
}
