package io.atrium.sso;

import static io.atrium.testsupport.SsoOrganizations.location;
import static io.atrium.testsupport.SsoOrganizations.logIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
 * Logging in through an organization's provider, over real HTTP against a real OpenID Connect provider on loopback:
 * just-in-time members, linking an existing user, and every answer of the provider that must be refused.
 */
@ServerTest
class SsoLoginTest {

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
    void aFirstLogInCreatesAConfirmedUserWhoJoinsWithTheConfiguredRoleAndWorksInTheOrganization() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "admin");
        String email = org.email("jin");
        PROVIDER.nextSignIn(org.issuerId(), "jin-subject", Map.of("email", email, "email_verified", true, "name", "Jin Park"));
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
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "member");
        String email = org.email("lee");
        HttpVisitor.signedUp(port, "Lee Existing", email);
        String userId = userId(email);
        PROVIDER.nextSignIn(org.issuerId(), "lee-subject", email);

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
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "member");
        String email = org.email("unverified");
        PROVIDER.nextSignIn(org.issuerId(), "unverified", Map.of("email", email, "email_verified", false));

        assertRefused(org, email, "did not confirm your email address");
    }

    @Test
    void anAddressOutsideTheOwnedDomainsIsRefused() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "member");
        String email = "outsider@" + SsoOrganizations.uniqueDomain();
        PROVIDER.nextSignIn(org.issuerId(), "outsider", email);

        assertRefused(org, email, "not in a domain this organization owns");
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "member");
        String email = org.email("replayed");
        PROVIDER.nextSignIn(org.issuerId(), "replayed", Map.of("email", email, "email_verified", true, "nonce", "forged"));

        assertRefused(org, email, null);
    }

    @Test
    void anIdTokenNamingAnotherIssuerIsRefused() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "member");
        String email = org.email("elsewhere");
        PROVIDER.nextSignIn(org.issuerId(), "elsewhere",
                Map.of("email", email, "email_verified", true, "iss", PROVIDER.issuer("another-issuer")));

        assertRefused(org, email, null);
    }

    @Test
    void aCallbackWithAStateThisSessionDidNotStartIsRefused() throws Exception {
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "member");
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
        SsoOrganization org = SsoOrganizations.create(port, PROVIDER, "member");
        SsoOrganization withoutSso = SsoOrganizations.withProvider(port, PROVIDER, "member");
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
