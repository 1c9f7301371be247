package io.atrium.account;

import static io.atrium.testsupport.Visitors.from;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Outbox;

/** One client cannot have the server mail strangers without end: its identity mails are limited, known or not. */
@IntegrationTest
@TestPropertySource(properties = "atrium.identity.mails.per-client-per-hour=4")
class IdentityMailLimitTest extends ApplicationTest {

    @Test
    void aClientThatUsedItsShareOfIdentityMailsCausesNoMoreAndOthersAreUnaffected() throws Exception {
        String target = uniqueEmail("target");
        signUp(mvc, "Target", target);
        long before = Outbox.mailsTo(jdbc, target);
        for (int probe = 0; probe < 4; probe++) {
            requestReset(uniqueEmail("stranger"), "10.70.0.1");
        }

        requestReset(target, "10.70.0.1");
        assertThat(Outbox.mailsTo(jdbc, target)).isEqualTo(before);

        requestReset(target, "10.70.0.2");
        assertThat(Outbox.mailsTo(jdbc, target)).isEqualTo(before + 1);
    }

    private void requestReset(String email, String client) throws Exception {
        mvc.perform(post("/forgot-password").with(csrf()).with(from(client)).param("email", email))
                .andExpect(redirectedUrl("/check-email"));
    }
}
