package io.atrium.account;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;

/**
 * Profile > Sessions over real HTTP with the sessions in the database, as in production: each client of a user is
 * listed with its browser, and signing one out (or all others) logs that client out on its next request.
 */
@ServerTest
@Tag("database")
class SessionsTest {

    private static final String CHROME_ON_LINUX =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    private static final String FIREFOX_ON_MACOS =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0";
    private static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private static final String TIME = "\\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}";
    private static final String STARTED_THEN_NOW = TIME + " Now";
    private static final String STARTED_THEN_LAST_ACTIVE = TIME + " " + TIME;

    private static final Pattern ROW = Pattern.compile("<tr data-session=\"([^\"]+)\">(.*?)</tr>", Pattern.DOTALL);

    /** A session's row in the page: its handle and its text with the markup taken out. */
    record Row(String handle, String text) {

        boolean current() {
            return text.contains("This session");
        }
    }

    @LocalServerPort
    int port;

    @Test
    void twoClientsOfOneUserSeeBothSessionsWithTheirBrowsersAndEachItsOwnAsThisSession() throws Exception {
        String email = uniqueEmail("two");
        HttpVisitor chrome = visitor(CHROME_ON_LINUX);
        chrome.signUp("Two Places", email, PASSWORD);
        HttpVisitor firefox = logIn(FIREFOX_ON_MACOS, email);

        List<Row> seenFromChrome = sessions(chrome);
        List<Row> seenFromFirefox = sessions(firefox);

        assertThat(seenFromChrome).hasSize(2);
        assertThat(seenFromChrome.get(0).current()).isTrue();
        assertThat(seenFromChrome.get(0).text()).contains("Chrome on Linux", "127.0.0.1");
        assertThat(seenFromChrome.get(1).current()).isFalse();
        assertThat(seenFromChrome.get(1).text()).contains("Firefox on macOS", "127.0.0.1");
        assertThat(seenFromChrome.get(0).text()).containsPattern(STARTED_THEN_NOW);
        assertThat(seenFromChrome.get(1).text()).containsPattern(STARTED_THEN_LAST_ACTIVE);
        assertThat(seenFromFirefox.get(0).text()).contains("Firefox on macOS", "This session");
        assertThat(seenFromFirefox.get(1).text()).contains("Chrome on Linux").doesNotContain("This session");
        assertThat(seenFromFirefox.get(1).handle()).isEqualTo(seenFromChrome.get(0).handle());
    }

    @Test
    void thePageNeverShowsASessionId() throws Exception {
        String email = uniqueEmail("secret");
        HttpVisitor chrome = visitor(CHROME_ON_LINUX);
        chrome.signUp("Secret Keeper", email, PASSWORD);
        HttpVisitor firefox = logIn(FIREFOX_ON_MACOS, email);

        String page = chrome.get("/profile/sessions").body();

        assertThat(page).doesNotContain(sessionId(chrome)).doesNotContain(sessionId(firefox))
                .doesNotContain(chrome.cookie("ATRIUM_SESSION").orElseThrow())
                .doesNotContain(firefox.cookie("ATRIUM_SESSION").orElseThrow());
    }

    @Test
    void aUserWithOneSessionSeesItAloneWithoutSignOutButtons() throws Exception {
        HttpVisitor chrome = visitor(CHROME_ON_LINUX);
        chrome.signUp("Only Once", uniqueEmail("once"), PASSWORD);

        HttpResponse<String> page = chrome.get("/profile/sessions");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(sessions(chrome)).singleElement().satisfies(row -> assertThat(row.current()).isTrue());
        assertThat(page.body()).contains("You aren't logged in anywhere else.")
                .doesNotContain("Sign out all other sessions").doesNotContain(">Sign out<");
    }

    @Test
    void signingOutTheOtherSessionLogsThatClientOut() throws Exception {
        String email = uniqueEmail("ender");
        HttpVisitor chrome = visitor(CHROME_ON_LINUX);
        chrome.signUp("Session Ender", email, PASSWORD);
        HttpVisitor firefox = logIn(FIREFOX_ON_MACOS, email);
        String firefoxHandle = sessions(chrome).get(1).handle();

        HttpResponse<String> ended = chrome.submit("/profile/sessions", "/profile/sessions/" + firefoxHandle + "/end", Map.of());

        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/profile/sessions"));
        assertLoggedOut(firefox);
        String page = chrome.get("/profile/sessions").body();
        assertThat(page).contains("That session (Firefox on macOS) was signed out.");
        assertThat(sessions(chrome)).singleElement().satisfies(row -> assertThat(row.text()).contains("Chrome on Linux"));
    }

    @Test
    void signingOutAllOtherSessionsKeepsThisOne() throws Exception {
        String email = uniqueEmail("keeper");
        HttpVisitor chrome = visitor(CHROME_ON_LINUX);
        chrome.signUp("Session Keeper", email, PASSWORD);
        HttpVisitor firefox = logIn(FIREFOX_ON_MACOS, email);
        HttpVisitor iphone = logIn(SAFARI_ON_IPHONE, email);
        assertThat(sessions(chrome)).hasSize(3);

        HttpResponse<String> ended = chrome.submit("/profile/sessions", "/profile/sessions/end-others", Map.of());

        assertThat(ended.statusCode()).isEqualTo(302);
        assertLoggedOut(firefox);
        assertLoggedOut(iphone);
        assertThat(chrome.get("/").statusCode()).isEqualTo(200);
        assertThat(chrome.get("/profile/sessions").body()).contains("Signed out 2 other sessions.");
        assertThat(sessions(chrome)).singleElement().satisfies(row -> assertThat(row.current()).isTrue());
    }

    @Test
    void anotherUsersSessionAnswers404AndSurvives() throws Exception {
        HttpVisitor victim = visitor(FIREFOX_ON_MACOS);
        victim.signUp("Victim", uniqueEmail("victim"), PASSWORD);
        String victimHandle = sessions(victim).get(0).handle();
        HttpVisitor attacker = visitor(CHROME_ON_LINUX);
        attacker.signUp("Attacker", uniqueEmail("attacker"), PASSWORD);

        HttpResponse<String> refused = attacker.submit("/profile/sessions",
                "/profile/sessions/" + victimHandle + "/end", Map.of());

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(victim.get("/").statusCode()).isEqualTo(200);
        assertThat(sessions(victim)).singleElement().satisfies(row -> assertThat(row.handle()).isEqualTo(victimHandle));
    }

    @Test
    void thisSessionCannotBeEndedAsAnOtherOne() throws Exception {
        HttpVisitor chrome = visitor(CHROME_ON_LINUX);
        chrome.signUp("Self Ender", uniqueEmail("self"), PASSWORD);
        String ownHandle = sessions(chrome).get(0).handle();

        HttpResponse<String> refused = chrome.submit("/profile/sessions", "/profile/sessions/" + ownHandle + "/end", Map.of());

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(chrome.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void signingOutWithoutTheCsrfTokenIsRefusedAndEndsNothing() throws Exception {
        String email = uniqueEmail("forged");
        HttpVisitor chrome = visitor(CHROME_ON_LINUX);
        chrome.signUp("Forged Form", email, PASSWORD);
        HttpVisitor firefox = logIn(FIREFOX_ON_MACOS, email);
        String firefoxHandle = sessions(chrome).get(1).handle();

        assertThat(chrome.post("/profile/sessions/" + firefoxHandle + "/end", Map.of()).statusCode()).isEqualTo(403);
        assertThat(chrome.post("/profile/sessions/end-others", Map.of()).statusCode()).isEqualTo(403);

        assertThat(firefox.get("/").statusCode()).isEqualTo(200);
        assertThat(sessions(chrome)).hasSize(2);
    }

    @Test
    void endedSessionsAreInThePersonalAccountsAuditLog() throws Exception {
        String email = uniqueEmail("audited");
        HttpVisitor chrome = visitor(CHROME_ON_LINUX);
        chrome.signUp("Audited", email, PASSWORD);
        logIn(FIREFOX_ON_MACOS, email);
        logIn(SAFARI_ON_IPHONE, email);
        String firefoxHandle = sessions(chrome).stream().filter(row -> row.text().contains("Firefox")).findFirst()
                .orElseThrow().handle();

        chrome.submit("/profile/sessions", "/profile/sessions/" + firefoxHandle + "/end", Map.of());
        chrome.submit("/profile/sessions", "/profile/sessions/end-others", Map.of());

        String auditLog = chrome.get("/settings/audit-log").body();
        assertThat(auditLog.split("Signed out a session", -1)).hasSize(1 + 2 + 1); // twice in the log, once in the filter
        assertThat(auditLog).contains("Firefox on macOS", "Safari on iPhone", "address=127.0.0.1");
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndNotesThemInTheAuditLog() throws Exception {
        String email = uniqueEmail("changer");
        HttpVisitor chrome = visitor(CHROME_ON_LINUX);
        chrome.signUp("Password Changer", email, PASSWORD);
        HttpVisitor firefox = logIn(FIREFOX_ON_MACOS, email);

        chrome.submit("/profile", "/profile/password", Map.of("currentPassword", PASSWORD, "newPassword", "amber-lantern-8812"));

        assertLoggedOut(firefox);
        assertThat(sessions(chrome)).singleElement().satisfies(row -> assertThat(row.text()).contains("Chrome on Linux"));
        assertThat(chrome.get("/settings/audit-log").body()).contains("Firefox on macOS");
    }

    private HttpVisitor visitor(String userAgent) {
        return new HttpVisitor(port).withHeader("User-Agent", userAgent);
    }

    private HttpVisitor logIn(String userAgent, String email) throws Exception {
        HttpVisitor visitor = visitor(userAgent);
        HttpResponse<String> loggedIn = visitor.logIn(email, PASSWORD);
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        return visitor;
    }

    private static List<Row> sessions(HttpVisitor visitor) throws Exception {
        HttpResponse<String> page = visitor.get("/profile/sessions");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher rows = ROW.matcher(page.body());
        return rows.results().map(row -> new Row(row.group(1), row.group(2).replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").strip())).toList();
    }

    /** The session id itself: the cookie carries it Base64-encoded. */
    private static String sessionId(HttpVisitor visitor) {
        return new String(Base64.getDecoder().decode(visitor.cookie("ATRIUM_SESSION").orElseThrow()), StandardCharsets.UTF_8);
    }

    private static void assertLoggedOut(HttpVisitor visitor) throws Exception {
        HttpResponse<String> home = visitor.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
