package io.atrium.account;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.ServerTest;

/**
 * "Forgot password?" over real HTTP with sessions in the database, as in production: the emailed link sets a new
 * password once, and every session of the user ends, on every node.
 */
@ServerTest
@Tag("database")
class PasswordResetTest {

    private static final String NEW_PASSWORD = "copper-meadow-4417";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theEmailedLinkSetsANewPasswordOnceAndEndsEverySessionOfTheUser() throws Exception {
        String email = uniqueEmail("forgetful");
        HttpVisitor owner = new HttpVisitor(port);
        owner.signUp("Forgetful", email, PASSWORD);
        HttpVisitor otherDevice = new HttpVisitor(port);
        otherDevice.logIn(email, PASSWORD);
        HttpVisitor resetter = new HttpVisitor(port);

        HttpResponse<String> asked = resetter.submit("/forgot-password", "/forgot-password", Map.of("email", email));
        assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/check-email"));
        String link = Mailbox.outbox(jdbc).awaitLink(email, "Reset your Atrium password", "/reset-password/");

        assertThat(resetter.get(link).statusCode()).isEqualTo(200);
        HttpResponse<String> weak = resetter.submit(link, link, Map.of("password", "password"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("id=\"password-error\"");
        HttpResponse<String> reset = resetter.submit(link, link, Map.of("password", NEW_PASSWORD));
        assertThat(reset.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        assertLoggedOut(owner);
        assertLoggedOut(otherDevice);
        assertThat(resetter.get(link).statusCode()).isEqualTo(410);
        assertThat(location(new HttpVisitor(port).logIn(email, PASSWORD))).endsWith("/login?error");
        assertThat(location(new HttpVisitor(port).logIn(email, NEW_PASSWORD))).endsWith("/");
        assertThat(jdbc.sql("""
                select count(*) from audit_log e join accounts a on a.id = e.account_id
                join users u on u.id = a.personal_of_user_id
                where u.email_key = lower(:email) and e.action = 'user.password_reset'""")
                .param("email", email).query(Long.class).single()).isOne();
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(none: " + response.statusCode() + ")");
    }

    private static void assertLoggedOut(HttpVisitor visitor) throws Exception {
        assertThat(location(visitor.get("/"))).endsWith("/login");
    }
}
