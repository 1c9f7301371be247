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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.MovableTimeTest;

@IntegrationTest
class ProfileTest extends MovableTimeTest {

    /** Frozen unless a test moves it, so a wait of a second cannot run out between two requests. */

    @Test
    void renamingShowsTheNewNameAndInitialsAtOnce() throws Exception {
        MockHttpSession session = signUp(mvc, "Ada Lovelace", uniqueEmail("rename"));

        rename(session, "Augusta King")
                .andExpect(redirectedUrl("/profile"))
                .andExpect(flash().attribute("notice", "Your name was updated."));

        assertThat(profilePage(session)).contains(">AK</summary>", "value=\"Augusta King\"");
    }

    @Test
    void anEmptyNameIsRejectedNextToTheField() throws Exception {
        MockHttpSession session = signUp(mvc, "Ada Lovelace", uniqueEmail("blank"));

        rename(session, "   ")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Enter a name.")));
    }

    @Test
    void changingTheEmailNeedsTheCurrentPasswordAndTakesEffectOnceTheNewAddressConfirmsItTellingTheOldOne()
            throws Exception {
        String oldEmail = uniqueEmail("old");
        MockHttpSession session = signUp(mvc, "Mover", oldEmail);
        String newEmail = uniqueEmail("new");

        changeEmail(session, "10.40.0.1", newEmail, "wrong-password")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The current password is incorrect.")));

        changeEmail(session, "10.40.0.1", newEmail, PASSWORD).andExpect(redirectedUrl("/profile"));
        assertThat(profilePage(session)).contains("id=\"pending-email\"", newEmail);
        logIn("10.40.0.3", newEmail, PASSWORD).andExpect(redirectedUrl("/login?error"));
        logIn("10.40.0.3", oldEmail, PASSWORD).andExpect(redirectedUrl("/"));

        mvc.perform(get(Mailbox.outbox(jdbc).awaitLink(newEmail, "Confirm your new email address", "/confirm-email-change/"))
                .session(session)).andExpect(redirectedUrl("/profile"));

        logIn("10.40.0.3", newEmail, PASSWORD).andExpect(redirectedUrl("/"));
        logIn("10.40.0.3", oldEmail, PASSWORD).andExpect(redirectedUrl("/login?error"));
        assertThat(Mailbox.outbox(jdbc).newestText(oldEmail, "was changed")).get().asString().contains(newEmail);
        assertThat(profilePage(session)).doesNotContain("id=\"pending-email\"");
    }

    @Test
    void anEmailThatBelongsToSomeoneElseCannotBeTaken() throws Exception {
        String taken = uniqueEmail("taken");
        signUp(mvc, "Owner", taken);
        MockHttpSession session = signUp(mvc, "Other", uniqueEmail("other"));

        changeEmail(session, "10.40.0.2", taken.toUpperCase(), PASSWORD)
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("can&#39;t be used")));
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndFollowsThePasswordRules() throws Exception {
        String email = uniqueEmail("rotate");
        MockHttpSession session = signUp(mvc, "Rotator", email);

        changePassword(session, "10.40.0.3", PASSWORD, "qwertyuiop")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("one of the most common")));
        changePassword(session, "10.40.0.3", "nope-nope-nope", "amber-lantern-8812")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The current password is incorrect.")));

        changePassword(session, "10.40.0.3", PASSWORD, "amber-lantern-8812").andExpect(redirectedUrl("/profile"));

        logIn("10.40.0.4", email, PASSWORD).andExpect(redirectedUrl("/login?error"));
        logIn("10.40.0.4", email, "amber-lantern-8812").andExpect(redirectedUrl("/"));
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeALogIn() throws Exception {
        MockHttpSession session = signUp(mvc, "Guessed", uniqueEmail("guessed"));
        for (int attempt = 0; attempt < 5; attempt++) {
            changePassword(session, "10.40.1.1", "guess-" + attempt, "amber-lantern-8812");
        }

        changePassword(session, "10.40.1.1", PASSWORD, "amber-lantern-8812")
                .andExpect(status().isTooManyRequests())
                .andExpect(content().string(containsString("Too many failed attempts. Wait 1 second and try again.")));
        clock.advance(Duration.ofSeconds(1));
        changePassword(session, "10.40.1.1", PASSWORD, "amber-lantern-8812").andExpect(redirectedUrl("/profile"));
    }

    @Test
    void profileChangesWithoutACsrfTokenAreRefused() throws Exception {
        MockHttpSession session = signUp(mvc, "Kept Name", uniqueEmail("kept"));

        mvc.perform(post("/profile/name").session(session).param("name", "Changed")).andExpect(status().isForbidden());

        assertThat(profilePage(session)).contains("value=\"Kept Name\"");
    }

    @Test
    void theProfilePageNeedsALogIn() throws Exception {
        mvc.perform(get("/profile")).andExpect(redirectedUrl("/login"));
    }

    private ResultActions rename(MockHttpSession session, String name) throws Exception {
        return mvc.perform(post("/profile/name").session(session).with(csrf()).param("name", name));
    }

    private ResultActions changeEmail(MockHttpSession session, String address, String email, String currentPassword)
            throws Exception {
        return mvc.perform(post("/profile/email").session(session).with(csrf()).with(from(address))
                .param("email", email).param("currentPassword", currentPassword));
    }

    private ResultActions changePassword(MockHttpSession session, String address, String currentPassword,
            String newPassword) throws Exception {
        return mvc.perform(post("/profile/password").session(session).with(csrf()).with(from(address))
                .param("currentPassword", currentPassword).param("newPassword", newPassword));
    }

    private ResultActions logIn(String address, String email, String password) throws Exception {
        return mvc.perform(post("/login").with(csrf()).with(from(address)).param("email", email).param("password", password));
    }

    private String profilePage(MockHttpSession session) throws Exception {
        return mvc.perform(get("/profile").session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }
}
