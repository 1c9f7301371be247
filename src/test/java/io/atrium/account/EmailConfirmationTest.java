package io.atrium.account;

import static io.atrium.testsupport.Visitors.CONFIRMATION_PATH;
import static io.atrium.testsupport.Visitors.CONFIRMATION_SUBJECT;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.shared.SecretTokens;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.MovableTimeTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Outbox;
import io.atrium.testsupport.Visitors;

@IntegrationTest
class EmailConfirmationTest extends MovableTimeTest {

    @Test
    void anUnconfirmedUserUsesTheirPersonalAccountButCreatesNoOrganizationOrKeyUntilTheLinkIsFollowed() throws Exception {
        String email = uniqueEmail("unconfirmed");
        MockHttpSession session = signUpWithoutConfirming("Una Confirmed", email);

        mvc.perform(get("/indexes").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"confirm-banner\"")));
        mvc.perform(post("/settings/organization").session(session).with(csrf()).param("name", "Too Early"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Confirm your email address first")));
        mvc.perform(post("/settings/api-keys").session(session).with(csrf()).param("name", "Too early").param("expiration", "12"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Confirm your email address first")));
        assertThat(jdbc.sql("select count(*) from accounts where kind = 'organization' and name = 'Too Early'")
                .query(Long.class).single()).isZero();

        mvc.perform(get(link(email)).session(session))
                .andExpect(redirectedUrl("/profile"))
                .andExpect(flash().attribute("notice", "Your email address is confirmed."));

        mvc.perform(get("/indexes").session(session))
                .andExpect(content().string(not(containsString("id=\"confirm-banner\""))));
        Organizations.createWithAdmin(session, mvc, "Now Confirmed");
        assertThat(auditActions(email)).contains("user.email_confirmed");
    }

    @Test
    void theLinkIsStoredOnlyAsAHashAndWorksOnce() throws Exception {
        String email = uniqueEmail("once");
        signUpWithoutConfirming("Once Only", email);
        String path = link(email);
        String token = path.substring(CONFIRMATION_PATH.length());

        assertThat(jdbc.sql("select token_hash from user_tokens where purpose = 'confirm_email' and email = :email")
                .param("email", email).query(String.class).single()).isEqualTo(SecretTokens.hash(token));
        assertThat(jdbc.sql("select count(*) from user_tokens where token_hash = :token").param("token", token)
                .query(Long.class).single()).isZero();

        mvc.perform(get(path)).andExpect(redirectedUrl("/login"));
        mvc.perform(get(path)).andExpect(status().isGone())
                .andExpect(content().string(containsString("This link can't be used")));
        mvc.perform(get(CONFIRMATION_PATH + "not-a-token")).andExpect(status().isGone());
    }

    @Test
    void theLinkExpiresAfterADay() throws Exception {
        String email = uniqueEmail("late");
        signUpWithoutConfirming("Late Reader", email);
        String path = link(email);

        clock.advance(Duration.ofHours(24).plusMinutes(1));

        mvc.perform(get(path)).andExpect(status().isGone());
        assertThat(confirmed(email)).isFalse();
    }

    @Test
    void resendingSendsANewLinkAtMostThreeTimesAnHour() throws Exception {
        String email = uniqueEmail("resend");
        MockHttpSession session = signUpWithoutConfirming("Re Sender", email);

        for (int resend = 0; resend < 2; resend++) {
            mvc.perform(post("/profile/resend-confirmation").session(session).with(csrf()))
                    .andExpect(flash().attribute("notice", containsString("We sent a new confirmation link")));
        }
        mvc.perform(post("/profile/resend-confirmation").session(session).with(csrf()))
                .andExpect(flash().attribute("notice", containsString("already sent several links")));
        assertThat(Outbox.mailsTo(jdbc, email)).isEqualTo(3);

        clock.advance(Duration.ofMinutes(61));
        mvc.perform(post("/profile/resend-confirmation").session(session).with(csrf()))
                .andExpect(flash().attribute("notice", containsString("We sent a new confirmation link")));
        mvc.perform(get(link(email))).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/profile/resend-confirmation").session(session).with(csrf()))
                .andExpect(flash().attribute("notice", "Your email address is already confirmed."));
    }

    @Test
    void resendingNeedsALogInAndACsrfToken() throws Exception {
        mvc.perform(post("/profile/resend-confirmation").with(csrf())).andExpect(redirectedUrl("/login"));
        MockHttpSession session = signUpWithoutConfirming("No Token", uniqueEmail("notoken"));
        mvc.perform(post("/profile/resend-confirmation").session(session)).andExpect(status().isForbidden());
    }

    @Test
    void aLinkSentToAnAddressTheUserNoLongerHasConfirmsNothing() throws Exception {
        String email = uniqueEmail("moved");
        MockHttpSession session = signUpWithoutConfirming("Mover", email);
        String oldLink = link(email);
        String newEmail = uniqueEmail("moved-to");
        mvc.perform(post("/profile/email").session(session).with(csrf()).with(from("10.50.0.1"))
                .param("email", newEmail).param("currentPassword", PASSWORD)).andExpect(redirectedUrl("/profile"));
        mvc.perform(get(Mailbox.outbox(jdbc).awaitLink(newEmail, "Confirm your new email address", "/confirm-email-change/")))
                .andExpect(redirectedUrl("/login"));

        mvc.perform(get(oldLink)).andExpect(status().isGone());
        assertThat(auditActions(newEmail)).doesNotContain("user.email_confirmed");
    }

    @Test
    void aKeyOfAUserFromBeforeConfirmationsStillWorksButCannotCreateAnotherUntilTheyConfirm() throws Exception {
        String key = api.newKey("veteran");
        // As the migration leaves every user who signed up before addresses were confirmed.
        jdbc.sql("update users set email_confirmed_at = null where id = "
                + "(select created_by_user_id from api_keys where key_id = :keyId)").param("keyId", key.split("_")[1]).update();

        api.as(key).get("/v1.3/indexes").andExpect(status().isOk());
        api.as(key).post("/api/v1/api-keys", "{\"name\":\"Another\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("email_not_confirmed"))
                .andExpect(jsonPath("$.message").value(containsString("Confirm your email address first")));
    }

    /** Signs up and logs in without following the link, which stays in the outbox. */
    private MockHttpSession signUpWithoutConfirming(String name, String email) throws Exception {
        mvc.perform(post("/signup").with(csrf()).param("name", name).param("email", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/check-email"));
        return Visitors.logIn(mvc, email);
    }

    private String link(String email) {
        return Mailbox.outbox(jdbc).awaitLink(email, CONFIRMATION_SUBJECT, CONFIRMATION_PATH);
    }

    private boolean confirmed(String email) {
        return jdbc.sql("select email_confirmed_at is not null from users where email_key = lower(:email)")
                .param("email", email).query(Boolean.class).single();
    }

    private java.util.List<String> auditActions(String email) {
        return jdbc.sql("""
                select e.action from audit_log e join accounts a on a.id = e.account_id
                join users u on u.id = a.personal_of_user_id where u.email_key = lower(:email)""")
                .param("email", email).query(String.class).list();
    }
}
