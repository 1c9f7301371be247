package io.atrium.webhook;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;

/** Settings > Webhooks: the same endpoints as the API, for the same people. */
@IntegrationTest
@TestPropertySource(properties = {"atrium.webhooks.allowed-addresses=127.0.0.1",
        "atrium.integrations.allowed-addresses=127.0.0.1/32"})
class WebhooksPageTest extends ApplicationTest {

    private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]+");

    @Test
    void theOwnerAddsAnEndpointSeesItsSecretOnceSendsATestAndResendsIt() throws Exception {
        MockHttpSession owner = signUp(mvc, "Hook Owner", uniqueEmail("hookowner"));
        try (Receiver receiver = Receiver.answering(200)) {
            String location = mvc.perform(post("/settings/webhooks").session(owner).with(csrf())
                            .param("url", receiver.url()).param("description", "Staging")
                            .param("events", "task.ready").param("events", "member.added"))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
            String page = mvc.perform(get(location).session(owner)).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            Matcher secret = SECRET.matcher(page);
            assertThat(secret.find()).isTrue();
            assertThat(page).contains("It won't be shown again").contains("data-copy-target=\"new-secret-value\"");
            mvc.perform(get(location).session(owner)).andExpect(content().string(not(containsString("whsec_"))));

            mvc.perform(post(location + "/test").session(owner).with(csrf())).andExpect(status().is3xxRedirection());
            receiver.awaitRequest(1).verify(secret.group());
            await(() -> mvc.perform(get(location).session(owner)).andReturn().getResponse().getContentAsString()
                    .contains("Succeeded"));
            String deliveryId = jdbc.sql("select id from webhook_deliveries where endpoint_id = :id")
                    .param("id", location.substring(location.lastIndexOf('/') + 1)).query(String.class).single();
            mvc.perform(post(location + "/deliveries/" + deliveryId + "/resend").session(owner).with(csrf()))
                    .andExpect(status().is3xxRedirection());
            assertThat(receiver.awaitRequest(2).header("webhook-id")).isEqualTo(receiver.received().get(0).header("webhook-id"));

            mvc.perform(get("/settings/webhooks").session(owner)).andExpect(status().isOk())
                    .andExpect(content().string(containsString(receiver.url())))
                    .andExpect(content().string(containsString("href=\"/settings/webhooks\"")));
        }
    }

    @Test
    void aRefusedAddressIsShownNextToTheField() throws Exception {
        MockHttpSession owner = signUp(mvc, "Hook Blocked", uniqueEmail("hookblocked"));
        mvc.perform(post("/settings/webhooks").session(owner).with(csrf())
                        .param("url", "http://10.1.2.3/hooks").param("events", "task.ready"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("private address")));
        mvc.perform(post("/settings/webhooks").session(owner).with(csrf()).param("url", "http://127.0.0.1/hooks"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose at least one event.")));
    }

    @Test
    void membersAndOtherAccountsFindNoWebhooksPages() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Hook Pages");
        String location = mvc.perform(post("/settings/webhooks").session(team.admin()).with(csrf())
                        .param("url", "http://127.0.0.1:9/hooks").param("events", "task.ready"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();

        mvc.perform(get("/settings/webhooks").session(team.member())).andExpect(status().isNotFound());
        mvc.perform(get(location).session(team.member())).andExpect(status().isNotFound());
        mvc.perform(post(location + "/test").session(team.member()).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/settings/api-keys").session(team.member()))
                .andExpect(content().string(not(containsString("href=\"/settings/webhooks\""))));

        MockHttpSession stranger = signUp(mvc, "Hook Stranger", uniqueEmail("hookstranger"));
        mvc.perform(get(location).session(stranger)).andExpect(status().isNotFound());
        mvc.perform(get(location + "/delete").session(stranger)).andExpect(status().isNotFound());
        mvc.perform(post(location + "/delete").session(stranger).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post(location + "/rotate-secret").session(stranger).with(csrf())).andExpect(status().isNotFound());

        mvc.perform(get(location + "/delete").session(team.admin())).andExpect(status().isOk());
        mvc.perform(post(location + "/delete").session(team.admin()).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(get(location).session(team.admin())).andExpect(status().isNotFound());
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(condition);
    }
}
