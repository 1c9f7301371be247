package io.atrium.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import io.atrium.apikey.ApiKeyExpiring;
import io.atrium.testsupport.ApiClient;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.MovableTimeTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;

/**
 * Delivery over time: retries, giving up, disabling, pruning, side by side, against real receivers on loopback. The
 * server's clock is moved instead of waiting, so signatures are checked against the Standard Webhooks library's own
 * signing (its verification would compare the timestamp with the real clock).
 */
@IntegrationTest
@TestPropertySource(properties = {"atrium.webhooks.allowed-addresses=127.0.0.1",
        "atrium.integrations.allowed-addresses=127.0.0.1/32"})
class WebhookDeliveryTest extends MovableTimeTest {

    @Autowired
    WebhookProperties properties;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aReceiverAnswering500TwiceThen200GetsTheEventAcknowledgedOnceAfterTwoRetries() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("retries"));
        try (Receiver receiver = new Receiver(number -> number <= 2 ? 500 : 200)) {
            String created = WebhooksApiTest.create(owner, receiver.url(), "[\"task.ready\"]");
            String secret = JsonPath.read(created, "$.secret");
            String delivery = test(owner, JsonPath.read(created, "$._id"));

            receiver.awaitRequest(1);
            awaitRetryScheduled(delivery, 1);
            assertThat(column(delivery, "status")).isEqualTo("pending");
            assertThat(column(delivery, "response_code")).isEqualTo("500");
            advancePast(properties.retryDelays().get(0));
            receiver.awaitRequest(2);
            awaitRetryScheduled(delivery, 2);
            advancePast(properties.retryDelays().get(1));
            receiver.awaitRequest(3);
            awaitStatus(delivery, "succeeded");

            assertThat(column(delivery, "attempts")).isEqualTo("3");
            assertThat(column(delivery, "response_code")).isEqualTo("200");
            assertThat(scheduledJobs(delivery)).isZero();
            List<Receiver.Received> received = receiver.received();
            assertThat(received).hasSize(3).allSatisfy(request -> {
                assertThat(request.header("webhook-id")).isEqualTo(received.get(0).header("webhook-id"));
                assertThat(request.body()).isEqualTo(received.get(0).body());
                assertThat(request.signedWith(secret)).isTrue();
            });
        }
    }

    @Test
    void anEndpointThatFailsForADayIsDisabledAndItsAdministratorsAreMailed() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Failing Hooks");
        ApiClient.Caller admin = api.as(team.adminKey());
        try (Receiver receiver = Receiver.answering(503)) {
            String created = WebhooksApiTest.create(admin, receiver.url(), "[\"task.ready\"]");
            String id = JsonPath.read(created, "$._id");
            String delivery = test(admin, id);

            List<Duration> delays = properties.retryDelays();
            for (int attempt = 1; attempt <= delays.size(); attempt++) {
                receiver.awaitRequest(attempt);
                awaitRetryScheduled(delivery, attempt);
                admin.get("/api/v1/webhooks/" + id).andExpect(jsonPath("$.enabled").value(true));
                advancePast(delays.get(attempt - 1));
            }
            receiver.awaitRequest(delays.size() + 1);
            awaitStatus(delivery, "failed");

            admin.get("/api/v1/webhooks/" + id).andExpect(jsonPath("$.enabled").value(false))
                    .andExpect(jsonPath("$.disabled_at").isString());
            String adminEmail = email(team, "admin");
            String text = Mailbox.outbox(jdbc).newestText(adminEmail, "A webhook endpoint was disabled").orElseThrow();
            assertThat(text).contains(receiver.url()).contains("/settings/webhooks/" + id);
            assertThat(Mailbox.outbox(jdbc).newestText(email(team, "member"), "A webhook endpoint was disabled"))
                    .isEmpty();
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'webhook.disabled' and target = :url")
                    .param("url", receiver.url()).query(Long.class).single()).isOne();

            admin.patch("/api/v1/webhooks/" + id, "{\"enabled\":true}").andExpect(status().isOk())
                    .andExpect(jsonPath("$.enabled").value(true)).andExpect(jsonPath("$.failing_since").isEmpty());
        }
    }

    @Test
    void aSlowReceiverDoesNotHoldUpDeliveriesToAnotherEndpoint() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("slow"));
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver slow = new Receiver(number -> 200, () -> awaitQuietly(release));
                Receiver fast = Receiver.answering(200)) {
            String slowDelivery = test(owner, JsonPath.read(WebhooksApiTest.create(owner, slow.url(), "[\"task.ready\"]"), "$._id"));
            slow.awaitRequest(1);
            String fastDelivery = test(owner, JsonPath.read(WebhooksApiTest.create(owner, fast.url(), "[\"task.ready\"]"), "$._id"));

            fast.awaitRequest(1);
            awaitStatus(fastDelivery, "succeeded");
            assertThat(release.getCount()).as("the slow receiver is still answering").isOne();
            assertThat(column(slowDelivery, "status")).isEqualTo("pending");

            release.countDown();
            awaitStatus(slowDelivery, "succeeded");
        }
    }

    @Test
    void theDeliveryLogKeepsDeliveriesThirtyDays() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("pruned"));
        try (Receiver receiver = Receiver.answering(200)) {
            String id = JsonPath.read(WebhooksApiTest.create(owner, receiver.url(), "[\"task.ready\"]"), "$._id");
            String old = test(owner, id);
            awaitStatus(old, "succeeded");

            clock.advance(properties.retention().minusDays(1));
            String recent = test(owner, id);
            awaitStatus(recent, "succeeded");
            clock.advance(Duration.ofDays(2));

            await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from webhook_deliveries where id = :id", old) == 0);
            assertThat(count("select count(*) from webhook_deliveries where id = :id", recent)).isOne();
            owner.get("/api/v1/webhooks/" + id + "/deliveries").andExpect(jsonPath("$.data[0]._id").value(recent))
                    .andExpect(jsonPath("$.page_info.total_results").value(1));
        }
    }

    @Test
    void anExpiringKeyIsDeliveredOnlyWhenTheTransactionThatRemindsOfItCommits() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("expiring"));
        try (Receiver receiver = Receiver.answering(200)) {
            String created = WebhooksApiTest.create(owner, receiver.url(), "[\"api_key.expiring\"]");
            String accountId = jdbc.sql("select account_id from webhook_endpoints where id = :id")
                    .param("id", JsonPath.read(created, "$._id")).query(String.class).single();
            Instant expiresAt = clock.instant().plus(Duration.ofDays(7));

            transactions.executeWithoutResult(rolledBack -> {
                events.publishEvent(new ApiKeyExpiring(accountId, "aaaaaaaaaaaaaaaaaaaaaaaa", "Dropped", expiresAt, 7));
                rolledBack.setRollbackOnly();
            });
            transactions.executeWithoutResult(committed ->
                    events.publishEvent(new ApiKeyExpiring(accountId, "bbbbbbbbbbbbbbbbbbbbbbbb", "Nightly", expiresAt, 7)));
            clock.advance(Duration.ofSeconds(1));

            Receiver.Received expiring = receiver.awaitRequest(1);
            assertThat(expiring.signedWith(JsonPath.read(created, "$.secret"))).isTrue();
            assertThat((String) JsonPath.read(expiring.body(), "$.type")).isEqualTo("api_key.expiring");
            assertThat((String) JsonPath.read(expiring.body(), "$.data._id")).isEqualTo("bbbbbbbbbbbbbbbbbbbbbbbb");
            assertThat((String) JsonPath.read(expiring.body(), "$.data.name")).isEqualTo("Nightly");
            assertThat((Integer) JsonPath.read(expiring.body(), "$.data.days_left")).isEqualTo(7);
            assertThat(count("select count(*) from webhook_deliveries where account_id = :id", accountId)).isOne();
        }
    }

    /**
     * Sends a test message to the endpoint and returns its delivery's id. Its job is due at the moment it is queued,
     * and jobs start once their time has passed: this test's clock stands still until moved, so it moves a second.
     */
    private String test(ApiClient.Caller caller, String webhookId) throws Exception {
        String delivery = JsonPath.read(caller.post("/api/v1/webhooks/" + webhookId + "/test")
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString(), "$._id");
        clock.advance(Duration.ofSeconds(1));
        return delivery;
    }

    /** Moves the clock past the retry's time (jobs start once their time has passed). */
    private void advancePast(Duration delay) {
        clock.advance(delay.plusSeconds(1));
    }

    /** The attempt was recorded and its job put back to wait for the retry, so moving the clock now starts it. */
    private void awaitRetryScheduled(String delivery, int attempts) {
        await().atMost(Duration.ofSeconds(20)).until(() -> column(delivery, "attempts").equals(Integer.toString(attempts))
                && count("select count(*) from scheduled_tasks where task_name = 'webhook-delivery' "
                        + "and task_instance = :id and picked = false", delivery) == 1);
        OffsetDateTime next = jdbc.sql("select next_attempt_at from webhook_deliveries where id = :id")
                .param("id", delivery).query(OffsetDateTime.class).single();
        assertThat(next.toInstant()).isAfter(clock.instant());
    }

    private void awaitStatus(String delivery, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(column(delivery, "status")));
    }

    private String column(String delivery, String column) {
        return jdbc.sql("select cast(" + column + " as varchar(100)) from webhook_deliveries where id = :id")
                .param("id", delivery).query(String.class).single();
    }

    private long scheduledJobs(String delivery) {
        return count("select count(*) from scheduled_tasks where task_name = 'webhook-delivery' and task_instance = :id",
                delivery);
    }

    private long count(String sql, String id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private String email(Team team, String role) {
        return jdbc.sql("select u.email from memberships m join accounts a on a.id = m.account_id "
                        + "join users u on u.id = m.user_id where a.name = :name and m.role = :role")
                .param("name", team.name()).param("role", role).query(String.class).single();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
