package io.atrium.account;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.atrium.testsupport.Authenticator;
import io.atrium.testsupport.Authenticator.Enrolment;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;

/**
 * Two-factor log-in over real HTTP, with sessions in the database as in production: the half-logged-in session is
 * stored and read back on each request, yet reaches nothing; turning two-factor on or off ends the user's other
 * sessions.
 */
@ServerTest
@Tag("database")
class TwoFactorSessionsTest {

    private static final String SESSION_COOKIE = "ATRIUM_SESSION";

    @LocalServerPort
    int port;

    @Test
    void aSessionBetweenPasswordAndCodeReachesNothingAndTheCodeGivesItANewId() throws Exception {
        String email = uniqueEmail("halfway");
        HttpVisitor owner = new HttpVisitor(port);
        owner.signUp("Half Way", email, PASSWORD);
        Enrolment enrolment = Authenticator.enrol(owner, Clock.systemUTC());

        HttpVisitor visitor = new HttpVisitor(port);
        String beforeLogIn = sessionOf(visitor, "/login");
        HttpResponse<String> password = visitor.logIn(email, PASSWORD);
        assertThat(password.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login/two-factor"));
        String halfway = visitor.cookie(SESSION_COOKIE).orElseThrow();
        assertThat(halfway).isNotEqualTo(beforeLogIn);

        for (String page : List.of("/", "/profile", "/profile/two-factor", "/settings/organization", "/settings/api-keys")) {
            assertSentToLogIn(visitor.get(page));
        }
        assertThat(visitor.get("/api/v1/account").statusCode()).isEqualTo(401);
        assertThat(visitor.get("/login/two-factor").statusCode()).isEqualTo(200);

        HttpResponse<String> code = visitor.submit("/login/two-factor", "/login/two-factor",
                Map.of("code", enrolment.app().nextCode()));
        assertThat(code.statusCode()).isEqualTo(302);
        assertThat(visitor.cookie(SESSION_COOKIE)).hasValueSatisfying(id -> assertThat(id).isNotEqualTo(halfway));
        assertThat(visitor.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void turningTwoFactorOnOrOffEndsTheUsersOtherSessionsAndKeepsTheOneThatDidIt() throws Exception {
        String email = uniqueEmail("switcher");
        HttpVisitor owner = new HttpVisitor(port);
        owner.signUp("Switcher", email, PASSWORD);
        HttpVisitor elsewhere = new HttpVisitor(port);
        elsewhere.logIn(email, PASSWORD);
        assertThat(elsewhere.get("/").statusCode()).isEqualTo(200);

        Enrolment enrolment = Authenticator.enrol(owner, Clock.systemUTC());

        assertSentToLogIn(elsewhere.get("/"));
        assertThat(owner.get("/").statusCode()).isEqualTo(200);

        HttpVisitor again = new HttpVisitor(port);
        again.logIn(email, PASSWORD);
        again.submit("/login/two-factor", "/login/two-factor", Map.of("code", enrolment.recoveryCodes().get(0)));
        assertThat(again.get("/").statusCode()).isEqualTo(200);
        HttpResponse<String> off = owner.submit("/profile/two-factor", "/profile/two-factor/disable",
                Map.of("code", enrolment.recoveryCodes().get(1)));
        assertThat(off.statusCode()).isEqualTo(302);

        assertSentToLogIn(again.get("/"));
        assertThat(owner.get("/").statusCode()).isEqualTo(200);
    }

    private static String sessionOf(HttpVisitor visitor, String page) throws Exception {
        visitor.get(page);
        return visitor.cookie(SESSION_COOKIE).orElse("");
    }

    private static void assertSentToLogIn(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
