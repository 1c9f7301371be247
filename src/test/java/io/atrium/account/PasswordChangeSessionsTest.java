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
 * learned the old password and logged in with it is out; the session that made the change goes on.
 */
@ServerTest
@Tag("database")
class PasswordChangeSessionsTest {

    private static final String NEW_PASSWORD = "amber-lantern-8812";

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
        HttpVisitor intruder = loggedIn(email);
        HttpVisitor someoneElse = new HttpVisitor(port);
        someoneElse.signUp("Someone Else", uniqueEmail("else"), PASSWORD);
        assertThat(intruder.get("/").statusCode()).isEqualTo(200);

        changePassword(owner);

        assertLoggedOut(intruder);
        assertThat(owner.get("/").statusCode()).isEqualTo(200);
        assertThat(someoneElse.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void sessionsStartedBeforeAnEmailChangeAreEndedToo() throws Exception {
        String email = uniqueEmail("mover");
        HttpVisitor owner = HttpVisitor.signedUp(port, "Mover", email);
        HttpVisitor intruder = loggedIn(email);
        String newEmail = uniqueEmail("moved");
        owner.submit("/profile", "/profile/email", Map.of("email", newEmail, "currentPassword", PASSWORD));
        owner.get(Mailbox.outbox(jdbc).awaitLink(newEmail, "Confirm your new email address", "/confirm-email-change/"));
        assertThat(accounts.findUserByEmail(newEmail)).isPresent();

        changePassword(owner);

        assertLoggedOut(intruder);
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

        assertLoggedOut(intruder);
    }

    /** Another visitor, in a session of its own, logged in with the address and {@code PASSWORD}. */
    private HttpVisitor loggedIn(String email) throws Exception {
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.logIn(email, PASSWORD);
        return visitor;
    }

    private void changePassword(HttpVisitor owner) throws Exception {
        HttpResponse<String> changed = owner.submit("/profile", "/profile/password",
                Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/profile"));
    }

    private static void assertLoggedOut(HttpVisitor visitor) throws Exception {
        HttpResponse<String> home = visitor.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
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
