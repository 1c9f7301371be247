package io.atrium.account;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.ServerTest;

/**
 * A password change ends every other session of the user (in the database, as in production), so whoever
 * learned the old password and logged in with it is out; the session that made the change goes on. A reset through
 * the emailed link ends every session, the resetter starting afresh.
 */
@ServerTest
@Tag("database")
class PasswordChangeSessionsTest {

    private static final String NEW_PASSWORD = "amber-lantern-8812";
    private static final String RESET_PASSWORD = "copper-meadow-4417";

    @LocalServerPort
    int port;

    @Autowired
    FindByIndexNameSessionRepository<? extends Session> sessions;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void changingThePasswordEndsTheUsersOtherSessionsAndKeepsTheOneThatChangedIt() throws Exception {
        String email = uniqueEmail("changer");
        HttpVisitor owner = HttpVisitor.signedUp(port, "Changer", email);
        HttpVisitor intruder = HttpVisitor.loggedIn(port, email);
        HttpVisitor someoneElse = new HttpVisitor(port);
        someoneElse.signUp("Someone Else", uniqueEmail("else"), PASSWORD);
        assertThat(intruder.get("/").statusCode()).isEqualTo(200);

        changePassword(owner);

        assertThat(intruder.isLoggedOut()).isTrue();
        assertThat(owner.get("/").statusCode()).isEqualTo(200);
        assertThat(someoneElse.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void sessionsStartedBeforeAnEmailChangeAreEndedToo() throws Exception {
        String email = uniqueEmail("mover");
        HttpVisitor owner = HttpVisitor.signedUp(port, "Mover", email);
        HttpVisitor intruder = HttpVisitor.loggedIn(port, email);
        String newEmail = uniqueEmail("moved");
        owner.submit("/profile", "/profile/email", Map.of("email", newEmail, "currentPassword", PASSWORD));
        owner.get(Mailbox.outbox(jdbc).awaitLink(newEmail, "Confirm your new email address", "/confirm-email-change/"));
        assertThat(accounts.findUserByEmail(newEmail)).isPresent();

        changePassword(owner);

        assertThat(intruder.isLoggedOut()).isTrue();
        assertThat(owner.get("/").statusCode()).isEqualTo(200);
    }

    /** Sessions saved before sessions were indexed by user id carry the email as their principal name. */
    @Test
    void aSessionIndexedByTheEmailIsEndedToo() throws Exception {
        String email = uniqueEmail("veteran");
        HttpVisitor owner = HttpVisitor.signedUp(port, "Veteran", email);
        String userId = accounts.findUserByEmail(email).orElseThrow().id();
        HttpVisitor intruder = new HttpVisitor(port);
        intruder.setCookie("ATRIUM_SESSION", savedSessionIndexedBy(email, userId));
        assertThat(intruder.get("/").statusCode()).isEqualTo(200);

        changePassword(owner);

        assertThat(intruder.isLoggedOut()).isTrue();
    }

    @Test
    void theEmailedLinkSetsANewPasswordOnceAndEndsEverySessionOfTheUser() throws Exception {
        String email = uniqueEmail("forgetful");
        HttpVisitor owner = HttpVisitor.signedUp(port, "Forgetful", email);
        HttpVisitor otherDevice = HttpVisitor.loggedIn(port, email);
        HttpVisitor resetter = new HttpVisitor(port);

        HttpResponse<String> asked = resetter.submit("/forgot-password", "/forgot-password", Map.of("email", email));
        assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/check-email"));
        String link = Mailbox.outbox(jdbc).awaitLink(email, "Reset your Atrium password", "/reset-password/");

        assertThat(resetter.get(link).statusCode()).isEqualTo(200);
        HttpResponse<String> weak = resetter.submit(link, link, Map.of("password", "password"));
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("id=\"password-error\"");
        HttpResponse<String> reset = resetter.submit(link, link, Map.of("password", RESET_PASSWORD));
        assertThat(reset.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        assertThat(owner.isLoggedOut()).isTrue();
        assertThat(otherDevice.isLoggedOut()).isTrue();
        assertThat(resetter.get(link).statusCode()).isEqualTo(410);
        assertThat(location(new HttpVisitor(port).logIn(email, PASSWORD))).endsWith("/login?error");
        assertThat(location(new HttpVisitor(port).logIn(email, RESET_PASSWORD))).endsWith("/");
        assertThat(jdbc.sql("""
                select count(*) from audit_log e join accounts a on a.id = e.account_id
                join users u on u.id = a.personal_of_user_id
                where u.email_key = lower(:email) and e.action = 'user.password_reset'""")
                .param("email", email).query(Long.class).single()).isOne();
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(none: " + response.statusCode() + ")");
    }

    private void changePassword(HttpVisitor owner) throws Exception {
        HttpResponse<String> changed = owner.submit("/profile", "/profile/password",
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/profile"));
    }

    /** A logged-in session written straight to the store, with the principal name given; returns its cookie value. */
    private String savedSessionIndexedBy(String principalName, String userId) {
        return savedSessionIndexedBy(sessions, principalName, userId);
    }

    private static <S extends Session> String savedSessionIndexedBy(FindByIndexNameSessionRepository<S> sessions,
            String principalName, String userId) {
        S session = sessions.createSession();
        AtriumPrincipal principal = new AtriumPrincipal(userId, principalName, null);
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities())));
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, principalName);
        sessions.save(session);
        return Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8));
    }
}
