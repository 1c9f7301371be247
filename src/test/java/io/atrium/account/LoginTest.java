package io.atrium.account;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.from;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTimeTest;

@IntegrationTest
class LoginTest extends MovableTimeTest {

    @Test
    void correctPasswordLogsInWithAnyCaseOfTheEmail() throws Exception {
        String email = uniqueEmail("grace");
        signUp(mvc, "Grace Hopper", email);
        MockHttpSession session = new MockHttpSession();

        logIn(session, email.toUpperCase(), PASSWORD, "10.30.0.1").andExpect(redirectedUrl("/"));

        mvc.perform(get("/").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">GH</summary>")));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameResponse() throws Exception {
        String known = uniqueEmail("known");
        signUp(mvc, "Known User", known);

        MockHttpServletResponse wrongPassword = logIn(new MockHttpSession(), known, "not-the-password", "10.30.0.2")
                .andReturn().getResponse();
        MockHttpServletResponse unknownEmail = logIn(new MockHttpSession(), uniqueEmail("unknown"), "not-the-password",
                "10.30.0.2").andReturn().getResponse();

        assertThat(wrongPassword.getStatus()).isEqualTo(unknownEmail.getStatus()).isEqualTo(302);
        assertThat(wrongPassword.getRedirectedUrl()).isEqualTo(unknownEmail.getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(wrongPassword.getContentAsString()).isEqualTo(unknownEmail.getContentAsString());
        mvc.perform(get("/login").param("error", ""))
                .andExpect(content().string(containsString("Incorrect email or password.")));
    }

    @Test
    void afterFiveFailuresFromOneAddressEachFurtherAttemptThereWaitsTwiceAsLongAsTheLast() throws Exception {
        String email = uniqueEmail("delayed");
        signUp(mvc, "Delayed User", email);
        for (int attempt = 0; attempt < 5; attempt++) {
            logIn(new MockHttpSession(), email, "guess-" + attempt, "10.30.1.1").andExpect(redirectedUrl("/login?error"));
        }

        logIn(new MockHttpSession(), email, PASSWORD, "10.30.1.1").andExpect(redirectedUrl("/login?throttled=1"));
        mvc.perform(get("/login").param("throttled", "1"))
                .andExpect(content().string(containsString("Too many failed attempts. Wait 1 second and try again.")));
        clock.advance(Duration.ofSeconds(1));
        logIn(new MockHttpSession(), email, "guess-5", "10.30.1.1").andExpect(redirectedUrl("/login?error"));
        logIn(new MockHttpSession(), email, PASSWORD, "10.30.1.1").andExpect(redirectedUrl("/login?throttled=2"));
        clock.advance(Duration.ofSeconds(2));
        logIn(new MockHttpSession(), email, PASSWORD, "10.30.1.1").andExpect(redirectedUrl("/"));
    }

    @Test
    void theOwnerLogsInFromTheirOwnAddressWhileSomeoneGuessingFromAnotherIsHeldBack() throws Exception {
        String email = uniqueEmail("owner");
        signUp(mvc, "Owner", email);
        for (int attempt = 0; attempt < 5; attempt++) {
            logIn(new MockHttpSession(), email, "guess-" + attempt, "10.30.2.1").andExpect(redirectedUrl("/login?error"));
        }
        logIn(new MockHttpSession(), email, PASSWORD, "10.30.2.1").andExpect(redirectedUrlPattern("/login?throttled*"));

        logIn(new MockHttpSession(), email, PASSWORD, "10.30.2.2").andExpect(redirectedUrl("/"));
    }

    @Test
    void guessingSpreadOverManyAddressesHoldsBackNewAddressesButNotOneWhereTheOwnerLoggedIn() throws Exception {
        String email = uniqueEmail("spread");
        signUp(mvc, "Spread Target", email);
        logIn(new MockHttpSession(), email, PASSWORD, "10.30.4.250").andExpect(redirectedUrl("/"));
        for (int attempt = 0; attempt < 20; attempt++) {
            logIn(new MockHttpSession(), email, "guess-" + attempt, "10.30.4." + attempt)
                    .andExpect(redirectedUrl("/login?error"));
        }

        logIn(new MockHttpSession(), email, PASSWORD, "10.30.4.100").andExpect(redirectedUrl("/login?throttled=1"));
        logIn(new MockHttpSession(), email, PASSWORD, "10.30.4.250").andExpect(redirectedUrl("/"));
    }

    @Test
    void unknownEmailsAreThrottledExactlyLikeKnownOnes() throws Exception {
        String email = uniqueEmail("nobody");
        for (int attempt = 0; attempt < 5; attempt++) {
            logIn(new MockHttpSession(), email, "guess-" + attempt, "10.30.3.1").andExpect(redirectedUrl("/login?error"));
        }
        logIn(new MockHttpSession(), email, "guess-6", "10.30.3.1").andExpect(redirectedUrl("/login?throttled=1"));
    }

    @Test
    void twentyFailuresFromOneAddressBlockThatAddressForEveryEmail() throws Exception {
        String email = uniqueEmail("victim");
        signUp(mvc, "Victim User", email);
        for (int attempt = 0; attempt < 20; attempt++) {
            logIn(new MockHttpSession(), uniqueEmail("spray"), "guess", "10.30.5.1")
                    .andExpect(redirectedUrl("/login?error"));
        }

        logIn(new MockHttpSession(), email, PASSWORD, "10.30.5.1")
                .andExpect(redirectedUrl("/login?throttled=" + Duration.ofMinutes(15).toSeconds()));
        mvc.perform(get("/login").param("throttled", "900"))
                .andExpect(content().string(containsString("Too many failed attempts. Wait 15 minutes and try again.")));
        logIn(new MockHttpSession(), email, PASSWORD, "10.30.5.2").andExpect(redirectedUrl("/"));
    }

    @Test
    void logInWithoutACsrfTokenIsRefused() throws Exception {
        String email = uniqueEmail("nocsrf");
        signUp(mvc, "No Csrf", email);
        mvc.perform(post("/login").param("email", email).param("password", PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void logOutEndsTheSessionOnTheServer() throws Exception {
        MockHttpSession session = signUp(mvc, "Leaving User", uniqueEmail("leaving"));

        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));

        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void logOutWithoutACsrfTokenIsRefused() throws Exception {
        MockHttpSession session = signUp(mvc, "Staying User", uniqueEmail("staying"));

        mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());

        mvc.perform(get("/").session(session)).andExpect(status().isOk());
    }

    @Test
    void aFailedLogInKeepsTheEmailInItsFieldOnceAndPutsTheCursorOnThePassword() throws Exception {
        String email = uniqueEmail("keeper");
        signUp(mvc, "Kept Email", email);
        MockHttpSession session = new MockHttpSession();

        logIn(session, email, "not-the-password", "10.30.9.1").andExpect(redirectedUrl("/login?error"));

        String page = mvc.perform(get("/login").param("error", "").session(session))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Incorrect email or password.")
                .containsPattern("id=\"email\"[^>]*value=\"" + Pattern.quote(email) + "\"")
                .containsPattern("id=\"password\"[^>]*autofocus");
        assertThat(mvc.perform(get("/login").session(session)).andReturn().getResponse().getContentAsString())
                .doesNotContain(email);
    }

    private ResultActions logIn(MockHttpSession session, String email, String password, String clientAddress)
            throws Exception {
        return mvc.perform(post("/login").session(session).with(csrf()).with(from(clientAddress))
                .param("email", email).param("password", password));
    }
}
