package io.atrium.account;

import static org.assertj.core.api.Assertions.assertThat;
import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.from;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.MovableTime;
import io.atrium.testsupport.MutableClock;

@IntegrationTest
@Import(MovableTime.class)
class ProfileTest extends ApplicationTest {

    /** Frozen unless a test moves it, so a wait of a second cannot run out between two requests. */
    @Autowired
    MutableClock clock;

    @Test
    void renamingShowsTheNewNameAndInitialsAtOnce() throws Exception {
        MockHttpSession session = signUp(mvc, "Ada Lovelace", uniqueEmail("rename"));

        mvc.perform(post("/profile/name").session(session).with(csrf()).param("name", "Augusta King"))
                .andExpect(redirectedUrl("/profile"))
                .andExpect(flash().attribute("notice", "Your name was updated."));

        mvc.perform(get("/profile").session(session))
                .andExpect(content().string(containsString(">AK</summary>")))
                .andExpect(content().string(containsString("value=\"Augusta King\"")));
    }

    @Test
    void anEmptyNameIsRejectedNextToTheField() throws Exception {
        MockHttpSession session = signUp(mvc, "Ada Lovelace", uniqueEmail("blank"));

        mvc.perform(post("/profile/name").session(session).with(csrf()).param("name", "   "))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Enter a name.")));
    }

    @Test
    void changingTheEmailNeedsTheCurrentPasswordAndTakesEffectOnceTheNewAddressConfirmsItTellingTheOldOne()
            throws Exception {
        String oldEmail = uniqueEmail("old");
        MockHttpSession session = signUp(mvc, "Mover", oldEmail);
        String newEmail = uniqueEmail("new");

        mvc.perform(post("/profile/email").session(session).with(csrf()).with(from("10.40.0.1"))
                        .param("email", newEmail).param("currentPassword", "wrong-password"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The current password is incorrect.")));

        mvc.perform(post("/profile/email").session(session).with(csrf()).with(from("10.40.0.1"))
                        .param("email", newEmail).param("currentPassword", PASSWORD))
                .andExpect(redirectedUrl("/profile"));
        mvc.perform(get("/profile").session(session))
                .andExpect(content().string(containsString("id=\"pending-email\"")))
                .andExpect(content().string(containsString(newEmail)));
        logIn(newEmail).andExpect(redirectedUrl("/login?error"));
        logIn(oldEmail).andExpect(redirectedUrl("/"));

        mvc.perform(get(Mailbox.outbox(jdbc).awaitLink(newEmail, "Confirm your new email address", "/confirm-email-change/"))
                .session(session)).andExpect(redirectedUrl("/profile"));

        logIn(newEmail).andExpect(redirectedUrl("/"));
        logIn(oldEmail).andExpect(redirectedUrl("/login?error"));
        assertThat(Mailbox.outbox(jdbc).newestText(oldEmail, "was changed")).get().asString().contains(newEmail);
        mvc.perform(get("/profile").session(session))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"pending-email\""))));
    }

    private org.springframework.test.web.servlet.ResultActions logIn(String email) throws Exception {
        return mvc.perform(post("/login").with(csrf()).with(from("10.40.0.3")).param("email", email).param("password", PASSWORD));
    }

    @Test
    void anEmailThatBelongsToSomeoneElseCannotBeTaken() throws Exception {
        String taken = uniqueEmail("taken");
        signUp(mvc, "Owner", taken);
        MockHttpSession session = signUp(mvc, "Other", uniqueEmail("other"));

        mvc.perform(post("/profile/email").session(session).with(csrf()).with(from("10.40.0.2"))
                        .param("email", taken.toUpperCase()).param("currentPassword", PASSWORD))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("can&#39;t be used")));
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndFollowsThePasswordRules() throws Exception {
        String email = uniqueEmail("rotate");
        MockHttpSession session = signUp(mvc, "Rotator", email);

        mvc.perform(post("/profile/password").session(session).with(csrf()).with(from("10.40.0.3"))
                        .param("currentPassword", PASSWORD).param("newPassword", "qwertyuiop"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("one of the most common")));
        mvc.perform(post("/profile/password").session(session).with(csrf()).with(from("10.40.0.3"))
                        .param("currentPassword", "nope-nope-nope").param("newPassword", "amber-lantern-8812"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The current password is incorrect.")));

        mvc.perform(post("/profile/password").session(session).with(csrf()).with(from("10.40.0.3"))
                        .param("currentPassword", PASSWORD).param("newPassword", "amber-lantern-8812"))
                .andExpect(redirectedUrl("/profile"));

        mvc.perform(post("/login").with(csrf()).with(from("10.40.0.4"))
                        .param("email", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(post("/login").with(csrf()).with(from("10.40.0.4"))
                        .param("email", email).param("password", "amber-lantern-8812"))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeALogIn() throws Exception {
        MockHttpSession session = signUp(mvc, "Guessed", uniqueEmail("guessed"));
        for (int attempt = 0; attempt < 5; attempt++) {
            mvc.perform(post("/profile/password").session(session).with(csrf()).with(from("10.40.1.1"))
                    .param("currentPassword", "guess-" + attempt).param("newPassword", "amber-lantern-8812"));
        }

        mvc.perform(post("/profile/password").session(session).with(csrf()).with(from("10.40.1.1"))
                        .param("currentPassword", PASSWORD).param("newPassword", "amber-lantern-8812"))
                .andExpect(status().isTooManyRequests())
                .andExpect(content().string(containsString("Too many failed attempts. Wait 1 second and try again.")));
        clock.advance(Duration.ofSeconds(1));
        mvc.perform(post("/profile/password").session(session).with(csrf()).with(from("10.40.1.1"))
                        .param("currentPassword", PASSWORD).param("newPassword", "amber-lantern-8812"))
                .andExpect(redirectedUrl("/profile"));
    }

    @Test
    void profileChangesWithoutACsrfTokenAreRefused() throws Exception {
        MockHttpSession session = signUp(mvc, "Kept Name", uniqueEmail("kept"));

        mvc.perform(post("/profile/name").session(session).param("name", "Changed")).andExpect(status().isForbidden());

        mvc.perform(get("/profile").session(session)).andExpect(content().string(containsString("value=\"Kept Name\"")));
    }

    @Test
    void theProfilePageNeedsALogIn() throws Exception {
        mvc.perform(get("/profile")).andExpect(redirectedUrl("/login"));
    }
}
