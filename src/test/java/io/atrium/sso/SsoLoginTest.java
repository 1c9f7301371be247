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
        String userId = jdbc.sql("select id from users where email_key = :e").param("e", email).query(String.class).single();
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
}
