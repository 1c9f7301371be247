package io.atrium.account;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.from;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.Visitors;

@IntegrationTest
class SignUpTest extends ApplicationTest {

    @Test
    void signUpCreatesTheUserAndTheirPersonalAccountAndAsksToConfirmTheAddressLoggingNobodyIn() throws Exception {
        String email = uniqueEmail("ada");
        MockHttpSession session = new MockHttpSession();

        mvc.perform(post("/signup").session(session).with(csrf())
                        .param("name", "  Ada Lovelace ").param("email", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/check-email"))
                .andExpect(flash().attribute("email", email));

        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login"));
        MockHttpSession loggedIn = Visitors.logIn(mvc, email);
        mvc.perform(get("/").session(loggedIn))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">AL</summary>")))
                .andExpect(content().string(containsString("Welcome, Ada Lovelace")))
                .andExpect(content().string(containsString("id=\"confirm-banner\"")));
        String userId = jdbc.sql("select id from users where email_key = :email").param("email", email)
                .query(String.class).single();
        assertThat(userId).matches("[0-9a-f]{24}");
        assertThat(jdbc.sql("select kind, plan from accounts where personal_of_user_id = :id").param("id", userId)
                .query((rs, n) -> rs.getString("kind") + "/" + rs.getString("plan")).single())
                .isEqualTo("personal/free");
    }

    @Test
    void passwordIsStoredOnlyAsAnArgon2Hash() throws Exception {
        String email = uniqueEmail("hash");
        signUp("Hash Check", email, PASSWORD).andExpect(redirectedUrl("/check-email"));

        String stored = jdbc.sql("select password_hash from users where email_key = :email").param("email", email)
                .query(String.class).single();
        assertThat(stored).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain(PASSWORD);
    }

    @Test
    void commonPasswordIsRejectedNextToTheFieldAndNothingIsCreated() throws Exception {
        String email = uniqueEmail("common");
        signUp("Common Password", email, "Password123")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("one of the most common")))
                .andExpect(content().string(containsString("id=\"password-error\"")));
        assertThat(usersWith(email)).isZero();
    }

    @Test
    void everyBrokenFieldIsReportedAtOnceAndTheNameAndEmailAreKept() throws Exception {
        signUp("", "not-an-email", "short")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Enter a name.")))
                .andExpect(content().string(containsString("Enter a valid email address")))
                .andExpect(content().string(containsString("Use at least 8 characters.")))
                .andExpect(content().string(containsString("value=\"not-an-email\"")))
                .andExpect(content().string(not(containsString("value=\"short\""))));
    }

    @Test
    void overlongNamesAndControlCharactersAreRejected() throws Exception {
        signUp("x".repeat(101), uniqueEmail("long"), PASSWORD)
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Use at most 100 characters.")));
        signUp("Eve\r\nBcc: victim@example.com", uniqueEmail("inject"), PASSWORD)
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("characters that are not allowed")));
    }

    @Test
    void passwordsUpTo128CharactersAreAcceptedAndLongerOnesRejected() throws Exception {
        signUp("Long Password", uniqueEmail("long128"), "é".repeat(128)).andExpect(redirectedUrl("/check-email"));
        signUp("Too Long", uniqueEmail("long129"), "é".repeat(129))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Use at most 128 characters.")));
    }

    @Test
    void aTakenEmailInAnyCaseCreatesNothingAndLogsNobodyIn() throws Exception {
        String email = uniqueEmail("taken");
        signUp("First Owner", email, PASSWORD).andExpect(redirectedUrl("/check-email"));

        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/signup").session(session).with(csrf()).with(from("10.20.0.1"))
                        .param("name", "Someone Else").param("email", email.toUpperCase()).param("password", PASSWORD))
                .andExpect(redirectedUrl("/check-email"));

        assertThat(usersWith(email)).isOne();
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void aRegisteredAndANewAddressGetTheSameAnswerAndTheOwnerIsToldSomeoneTried() throws Exception {
        String registered = uniqueEmail("registered");
        signUp("First Owner", registered, PASSWORD).andExpect(redirectedUrl("/check-email"));
        String newcomer = uniqueEmail("newcomer");

        var forRegistered = answer(registered);
        var forNew = answer(newcomer);

        assertThat(forRegistered.subList(0, 4)).isEqualTo(forNew.subList(0, 4));
        assertThat(forRegistered.get(4)).isEqualTo(registered);
        assertThat(forNew.get(4)).isEqualTo(newcomer);
        assertThat(usersWith(registered)).isOne();
        assertThat(Mailbox.outbox(jdbc).newestText(registered, "Someone tried to sign up")).get().asString()
                .contains("already has one").contains("/login").doesNotContain("/confirm-email/");
        assertThat(Mailbox.outbox(jdbc).newestText(newcomer, Visitors.CONFIRMATION_SUBJECT)).get().asString()
                .contains("/confirm-email/");
    }

    /**
     * What a visitor sees of a sign-up: the status, where it leads, the body, whether the session id changed, and the
     * address the next page shows (the one typed).
     */
    private java.util.List<Object> answer(String email) throws Exception {
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();
        var result = mvc.perform(post("/signup").session(session).with(csrf()).with(from("10.20.0.9"))
                .param("name", "Same Answer").param("email", email).param("password", PASSWORD)).andReturn();
        var response = result.getResponse();
        return java.util.List.of(response.getStatus(), String.valueOf(response.getRedirectedUrl()),
                response.getContentAsString(), !session.getId().equals(before), result.getFlashMap().get("email"));
    }

    @Test
    void probingForTakenEmailsIsThrottledByClientAddress() throws Exception {
        String email = uniqueEmail("probe");
        signUp("Probe Target", email, PASSWORD).andExpect(redirectedUrl("/check-email"));
        for (int attempt = 0; attempt < 20; attempt++) {
            mvc.perform(post("/signup").with(csrf()).with(from("10.20.0.2"))
                    .param("name", "Prober").param("email", email).param("password", PASSWORD));
        }

        mvc.perform(post("/signup").with(csrf()).with(from("10.20.0.2"))
                        .param("name", "Prober").param("email", uniqueEmail("fresh")).param("password", PASSWORD))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Too many attempts from your network")));
    }

    @Test
    void signUpWithoutACsrfTokenIsRefused() throws Exception {
        String email = uniqueEmail("csrf");
        mvc.perform(post("/signup").param("name", "No Token").param("email", email).param("password", PASSWORD))
                .andExpect(status().isForbidden());
        assertThat(usersWith(email)).isZero();
    }

    private ResultActions signUp(String name, String email, String password) throws Exception {
        return mvc.perform(post("/signup").with(csrf())
                .param("name", name).param("email", email).param("password", password));
    }

    private long usersWith(String email) {
        return jdbc.sql("select count(*) from users where email_key = lower(:email)").param("email", email)
                .query(Long.class).single();
    }
}
