package io.atrium.account;

import static io.atrium.testsupport.Visitors.from;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.MovableTimeTest;
import io.atrium.testsupport.Outbox;

@IntegrationTest
class PasswordResetRequestTest extends MovableTimeTest {

    @Test
    void aRegisteredAndAnUnknownAddressGetTheSameAnswerAndOnlyTheRegisteredOneAMail() throws Exception {
        String unknown = uniqueEmail("unknown");
        String registered = uniqueEmail("known");
        signUp(mvc, "Known", registered);

        List<Object> forRegistered = answer(registered, "10.60.0.1");
        List<Object> forUnknown = answer(unknown, "10.60.0.1");

        assertThat(forRegistered).isEqualTo(forUnknown);
        assertThat(Mailbox.outbox(jdbc).newestText(registered, "Reset your Atrium password")).isPresent();
        assertThat(Outbox.mailsTo(jdbc, unknown)).isZero();
        assertThat(forRegistered.get(2)).asString().startsWith("If an account uses this address");
    }

    @Test
    void theLinkExpiresAfterAnHourAndANewerOneDoesNotReviveAnUsedOne() throws Exception {
        String email = uniqueEmail("slow");
        signUp(mvc, "Slow Reader", email);
        answer(email, "10.60.0.2");
        String link = Mailbox.outbox(jdbc).awaitLink(email, "Reset your Atrium password", "/reset-password/");

        clock.advance(Duration.ofMinutes(61));

        mvc.perform(get(link)).andExpect(status().isGone())
                .andExpect(content().string(containsString("Send a new reset link")));
        mvc.perform(post(link).with(csrf()).param("password", "copper-meadow-4417")).andExpect(status().isGone());
    }

    @Test
    void resetMailsAreLimitedPerAddressAndTheAnswerStaysTheSame() throws Exception {
        String email = uniqueEmail("flooded");
        signUp(mvc, "Flooded", email);
        long before = Outbox.mailsTo(jdbc, email);

        List<Object> first = answer(email, "10.60.0.3");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(answer(email, "10.60.0." + (10 + attempt))).isEqualTo(first);
        }

        assertThat(Outbox.mailsTo(jdbc, email) - before).isEqualTo(3);
    }

    @Test
    void somethingThatIsNotAnEmailAddressIsShownNextToTheField() throws Exception {
        mvc.perform(post("/forgot-password").with(csrf()).param("email", "not-an-address"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"email-error\"")));
        mvc.perform(post("/forgot-password").param("email", uniqueEmail("nocsrf"))).andExpect(status().isForbidden());
    }

    /** What a visitor sees of a reset request: the status, where it leads, and what the next page will say. */
    private List<Object> answer(String email, String client) throws Exception {
        MvcResult result = mvc.perform(post("/forgot-password").with(csrf()).with(from(client)).param("email", email))
                .andReturn();
        return List.of(result.getResponse().getStatus(), String.valueOf(result.getResponse().getRedirectedUrl()),
                String.valueOf(result.getFlashMap().get("explanation")));
    }
}
