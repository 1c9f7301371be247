package io.atrium.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.jayway.jsonpath.JsonPath;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import io.atrium.testsupport.ApiClient;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;
import io.atrium.testsupport.S3Server;
import io.atrium.testsupport.TestVideos;

/**
 * {@code /api/v1/webhooks} against real receivers on loopback (the only addresses the allow-list lets through),
 * whose requests the Standard Webhooks library verifies, on the real clock.
 */
@IntegrationTest
@TestPropertySource(properties = {"atrium.webhooks.allowed-addresses=127.0.0.1",
        "atrium.integrations.allowed-addresses=127.0.0.1/32"})
class WebhooksApiTest extends ApplicationTest {

    static final String ALL_MEMBER_EVENTS = "[\"member.added\",\"member.removed\",\"member.role_changed\"]";

    @Test
    void anEndpointIsCreatedWithItsSecretShownOnceThenListedChangedAndDeleted() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("hooks"));
        String created = owner.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/hooks\","
                        + "\"events\":[\"task.ready\",\"task.failed\"],\"description\":\"CI\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.secret").value(org.hamcrest.Matchers.startsWith("whsec_")))
                .andExpect(jsonPath("$.events[0]").value("task.ready"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$._id");

        owner.get("/api/v1/webhooks").andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0]._id").value(id))
                .andExpect(jsonPath("$.data[0].secret").doesNotExist())
                .andExpect(jsonPath("$.page_info.total_results").value(1));
        owner.get("/api/v1/webhooks/" + id).andExpect(status().isOk())
                .andExpect(jsonPath("$.description").value("CI"))
                .andExpect(jsonPath("$.enabled").value(true))
                .andExpect(jsonPath("$.secret").doesNotExist());
        owner.patch("/api/v1/webhooks/" + id, "{\"events\":[\"member.added\"],\"enabled\":false}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.events").value(org.hamcrest.Matchers.contains("member.added")))
                .andExpect(jsonPath("$.enabled").value(false))
                .andExpect(jsonPath("$.url").value("http://127.0.0.1:9/hooks"));
        owner.patch("/api/v1/webhooks/" + id, "{\"events\":[\"task.exploded\"]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));

        owner.delete("/api/v1/webhooks/" + id).andExpect(status().isNoContent());
        owner.get("/api/v1/webhooks/" + id).andExpect(status().isNotFound());
    }

    @Test
    void aTestMessageIsSignedSoTheStandardLibraryVerifiesItAndARotatedSecretReplacesTheOldOne() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("signed"));
        try (Receiver receiver = Receiver.answering(204)) {
            String created = create(owner, receiver.url(), "[\"task.ready\"]");
            String id = JsonPath.read(created, "$._id");
            String secret = JsonPath.read(created, "$.secret");

            owner.post("/api/v1/webhooks/" + id + "/test").andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.event_type").value("webhook.test"))
                    .andExpect(jsonPath("$.status").value("pending"));
            Receiver.Received first = receiver.awaitRequest(1);
            first.verify(secret);
            assertThat(first.header("webhook-id")).startsWith("msg_");
            assertThat((String) JsonPath.read(first.body(), "$.type")).isEqualTo("webhook.test");
            assertThat((String) JsonPath.read(first.body(), "$.data.webhook_id")).isEqualTo(id);

            String rotated = owner.post("/api/v1/webhooks/" + id + "/rotate-secret").andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            String newSecret = JsonPath.read(rotated, "$.secret");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
            owner.post("/api/v1/webhooks/" + id + "/test").andExpect(status().isAccepted());
            Receiver.Received second = receiver.awaitRequest(2);
            second.verify(newSecret);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.verify(secret))
                    .isInstanceOf(WebhookVerificationException.class);

            awaitDeliveries(owner, id, "succeeded", 2);
            owner.get("/api/v1/webhooks/" + id + "/deliveries").andExpect(status().isOk())
                    .andExpect(jsonPath("$.data[0].response_code").value(204))
                    .andExpect(jsonPath("$.data[0].attempts").value(1))
                    .andExpect(jsonPath("$.data[0].duration_ms").isNumber())
                    .andExpect(jsonPath("$.page_info.total_results").value(2));
        }
    }

    @Test
    void aResentDeliveryCarriesTheSameWebhookIdAndBody() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("resend"));
        try (Receiver receiver = Receiver.answering(200)) {
            String created = create(owner, receiver.url(), "[\"task.ready\"]");
            String id = JsonPath.read(created, "$._id");
            String delivery = JsonPath.read(owner.post("/api/v1/webhooks/" + id + "/test")
                    .andReturn().getResponse().getContentAsString(), "$._id");
            Receiver.Received first = receiver.awaitRequest(1);

            owner.post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/resend")
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$._id").value(org.hamcrest.Matchers.not(delivery)));
            Receiver.Received again = receiver.awaitRequest(2);

            again.verify(JsonPath.read(created, "$.secret"));
            assertThat(again.header("webhook-id")).isEqualTo(first.header("webhook-id"));
            assertThat(again.body()).isEqualTo(first.body());
        }
    }

    @Test
    void theSecretIsStoredSealedAndNoDeliveryKeepsIt() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("sealed"));
        try (Receiver receiver = Receiver.answering(200)) {
            String created = create(owner, receiver.url(), "[\"task.ready\"]");
            String id = JsonPath.read(created, "$._id");
            String secret = JsonPath.read(created, "$.secret");
            owner.post("/api/v1/webhooks/" + id + "/test").andExpect(status().isAccepted());
            receiver.awaitRequest(1);

            String stored = jdbc.sql("select secret_sealed from webhook_endpoints where id = :id").param("id", id)
                    .query(String.class).single();
            assertThat(stored).startsWith("v1.").doesNotContain(secret).doesNotContain(secret.substring(6));
            List<String> rows = jdbc.sql("select concat(message_id, event_type, payload, coalesce(last_error, '')) "
                    + "from webhook_deliveries where endpoint_id = :id").param("id", id).query(String.class).list();
            assertThat(rows).hasSize(1).allSatisfy(row -> assertThat(row).doesNotContain(secret.substring(6)));
        }
    }

    @Test
    void privateLinkLocalAndUnlistedLoopbackAddressesAreRefusedAtCreation() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("blocked"));
        for (String url : List.of("http://10.0.0.7/hooks", "http://169.254.169.254/latest", "http://127.0.0.2:8080/",
                "http://[::1]/hooks", "http://192.168.1.20/")) {
            owner.post("/api/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"task.ready\"]}")
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("webhook_url_blocked"));
        }
        owner.post("/api/v1/webhooks", "{\"url\":\"ftp://example.com/\",\"events\":[\"task.ready\"]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        owner.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1/\",\"events\":[]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_not_provided"));
        assertThat(jdbc.sql("select count(*) from webhook_endpoints where url like '%10.0.0.7%' or url like '%169.254%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void membersAreRefused403AndAdministratorsOfAnotherAccountSee404() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Hook Team");
        ApiClient.Caller admin = api.as(team.adminKey());
        ApiClient.Caller member = api.as(team.memberKey());
        ApiClient.Caller stranger = api.as(api.newKey("stranger"));
        try (Receiver receiver = Receiver.answering(200)) {
            String id = JsonPath.read(create(admin, receiver.url(), "[\"task.ready\"]"), "$._id");
            String delivery = JsonPath.read(admin.post("/api/v1/webhooks/" + id + "/test")
                    .andReturn().getResponse().getContentAsString(), "$._id");
            receiver.awaitRequest(1);

            member.get("/api/v1/webhooks").andExpect(status().isForbidden());
            member.post("/api/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"events\":[\"task.ready\"]}")
                    .andExpect(status().isForbidden());
            member.get("/api/v1/webhooks/" + id).andExpect(status().isForbidden());
            member.post("/api/v1/webhooks/" + id + "/test").andExpect(status().isForbidden());

            stranger.get("/api/v1/webhooks").andExpect(jsonPath("$.data").isEmpty());
            stranger.get("/api/v1/webhooks/" + id).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("resource_not_exist"));
            stranger.patch("/api/v1/webhooks/" + id, "{\"enabled\":false}").andExpect(status().isNotFound());
            stranger.delete("/api/v1/webhooks/" + id).andExpect(status().isNotFound());
            stranger.post("/api/v1/webhooks/" + id + "/rotate-secret").andExpect(status().isNotFound());
            stranger.post("/api/v1/webhooks/" + id + "/test").andExpect(status().isNotFound());
            stranger.get("/api/v1/webhooks/" + id + "/deliveries").andExpect(status().isNotFound());
            stranger.post("/api/v1/webhooks/" + id + "/deliveries/" + delivery + "/resend")
                    .andExpect(status().isNotFound());
            String own = JsonPath.read(create(stranger, receiver.url(), "[\"task.ready\"]"), "$._id");
            stranger.post("/api/v1/webhooks/" + own + "/deliveries/" + delivery + "/resend")
                    .andExpect(status().isNotFound());

            admin.get("/api/v1/webhooks/" + id).andExpect(status().isOk());
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void removingAMemberAndChangingARoleAreDeliveredToTheEndpointsThatHearThem() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Hook Members");
        ApiClient.Caller admin = api.as(team.adminKey());
        String memberId = jdbc.sql("select m.user_id from memberships m join accounts a on a.id = m.account_id "
                + "where a.name = :name and m.role = 'member'").param("name", team.name()).query(String.class).single();
        try (Receiver members = Receiver.answering(200); Receiver tasksOnly = Receiver.answering(200)) {
            String secret = JsonPath.read(create(admin, members.url(), ALL_MEMBER_EVENTS), "$.secret");
            create(admin, tasksOnly.url(), "[\"task.ready\"]");

            admin.patch("/api/v1/members/" + memberId, "{\"role\":\"admin\"}").andExpect(status().isOk());
            Receiver.Received changed = members.awaitRequest(1);
            changed.verify(secret);
            assertThat((String) JsonPath.read(changed.body(), "$.type")).isEqualTo("member.role_changed");
            assertThat((String) JsonPath.read(changed.body(), "$.data.user_id")).isEqualTo(memberId);
            assertThat((String) JsonPath.read(changed.body(), "$.data.role")).isEqualTo("admin");

            admin.delete("/api/v1/members/" + memberId).andExpect(status().isNoContent());
            Receiver.Received removed = members.awaitRequest(2);
            removed.verify(secret);
            assertThat((String) JsonPath.read(removed.body(), "$.type")).isEqualTo("member.removed");
            assertThat((String) JsonPath.read(removed.body(), "$.data.user_id")).isEqualTo(memberId);
            // the member's key was revoked with the membership; this endpoint does not hear api_key.revoked
            assertThat(members.received()).hasSize(2);
            assertThat(tasksOnly.received()).isEmpty();
        }
    }

    @Test
    void anAcceptedInvitationIsDeliveredWithTheMemberItAdded() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Hook Joins");
        ApiClient.Caller admin = api.as(team.adminKey());
        try (Receiver receiver = Receiver.answering(200)) {
            String secret = JsonPath.read(create(admin, receiver.url(), "[\"member.added\",\"invitation.accepted\"]"),
                    "$.secret");
            String email = io.atrium.testsupport.Visitors.uniqueEmail("joiner");

            Organizations.addMember(mvc, jdbc, team.admin(), "Hook Joiner", email, "admin");

            receiver.awaitRequest(2);
            String userId = Organizations.userId(jdbc, email);
            List<Receiver.Received> received = receiver.received();
            for (Receiver.Received each : received) {
                each.verify(secret);
            }
            Receiver.Received added = received.stream()
                    .filter(each -> each.body().contains("\"member.added\"")).findFirst().orElseThrow();
            assertThat((String) JsonPath.read(added.body(), "$.data.user_id")).isEqualTo(userId);
            assertThat((String) JsonPath.read(added.body(), "$.data.role")).isEqualTo("admin");
            Receiver.Received accepted = received.stream()
                    .filter(each -> each.body().contains("\"invitation.accepted\"")).findFirst().orElseThrow();
            assertThat((String) JsonPath.read(accepted.body(), "$.data.email")).isEqualTo(email);
            assertThat((String) JsonPath.read(accepted.body(), "$.data.user_id")).isEqualTo(userId);
            assertThat(added.header("webhook-id")).isNotEqualTo(accepted.header("webhook-id"));
        }
    }

    @Test
    void aVideoTaskBecomingReadyIsDeliveredWithItsIds() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("uploads"));
        try (Receiver receiver = Receiver.answering(200)) {
            String secret = JsonPath.read(create(owner, receiver.url(), "[\"task.ready\",\"task.failed\"]"), "$.secret");
            String index = owner.createIndex("Hooked");
            String task = owner.upload(index, TestVideos.shared("hooked.mp4", 6), null)
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
            owner.awaitTaskStatus(JsonPath.read(task, "$._id"), "ready");

            Receiver.Received ready = receiver.awaitRequest(1);
            ready.verify(secret);
            assertThat((String) JsonPath.read(ready.body(), "$.type")).isEqualTo("task.ready");
            assertThat((String) JsonPath.read(ready.body(), "$.timestamp")).isNotBlank();
            assertThat((String) JsonPath.read(ready.body(), "$.data._id")).isEqualTo(JsonPath.read(task, "$._id"));
            assertThat((String) JsonPath.read(ready.body(), "$.data.index_id")).isEqualTo(index);
            assertThat((String) JsonPath.read(ready.body(), "$.data.video_id")).isEqualTo(JsonPath.read(task, "$.video_id"));
            assertThat((String) JsonPath.read(ready.body(), "$.data.status")).isEqualTo("ready");
        }
    }

    @Test
    void anS3ImportIsDeliveredAsCompletedOnceItsLastTaskFinishes() throws Exception {
        S3Server s3 = S3Server.shared();
        String bucket = s3.newBucket("hooks");
        s3.put(bucket, "in/harbour.mp4", TestVideos.shared("harbour.mp4", 5));
        s3.put(bucket, "in/noise.mp4", TestVideos.noise());
        ApiClient.Caller owner = api.as(api.newKey("imports"));
        String integration = owner.createIntegration(s3.integrationJson("Hooked bucket", bucket, "in/", s3.secretKey()));
        String index = owner.createIndex("Imported hooks");
        try (Receiver receiver = Receiver.answering(200)) {
            String secret = JsonPath.read(create(owner, receiver.url(),
                    "[\"import.completed\",\"task.ready\",\"task.failed\"]"), "$.secret");

            owner.post("/v1.3/tasks/transfers/import/" + integration, "{\"index_id\":\"" + index + "\"}")
                    .andExpect(status().isOk());

            receiver.awaitRequest(3);
            List<String> types = receiver.received().stream()
                    .map(each -> (String) JsonPath.read(each.body(), "$.type")).toList();
            assertThat(types).containsExactlyInAnyOrder("task.ready", "task.failed", "import.completed");
            Receiver.Received completed = receiver.received().get(types.indexOf("import.completed"));
            completed.verify(secret);
            assertThat((String) JsonPath.read(completed.body(), "$.data._id")).isEqualTo(jdbc.sql(
                    "select id from integration_imports where integration_id = :id").param("id", integration)
                    .query(String.class).single());
            assertThat((String) JsonPath.read(completed.body(), "$.data.integration_id")).isEqualTo(integration);
            assertThat((String) JsonPath.read(completed.body(), "$.data.index_id")).isEqualTo(index);
            owner.get("/v1.3/tasks/transfers/import/" + integration + "/logs")
                    .andExpect(jsonPath("$.data[0].ended_at").isString());
            assertThat(receiver.received()).hasSize(3);
        }
    }

    static String create(ApiClient.Caller caller, String url, String eventsJson) throws Exception {
        return caller.post("/api/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":" + eventsJson + "}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
    }

    private static void awaitDeliveries(ApiClient.Caller caller, String id, String status, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            String page = caller.get("/api/v1/webhooks/" + id + "/deliveries").andReturn().getResponse()
                    .getContentAsString();
            List<String> statuses = JsonPath.read(page, "$.data[*].status");
            return statuses.stream().filter(status::equals).count() == count;
        });
    }
}
