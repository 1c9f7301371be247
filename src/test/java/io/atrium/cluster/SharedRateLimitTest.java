package io.atrium.cluster;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.Nodes;
import io.atrium.testsupport.TestDatabases;

/**
 * Two nodes on one PostgreSQL database and the machine's Redis (127.0.0.1:6379, which .ci/run starts): an
 * account's rate limit is one budget, whichever node its calls land on (R-PLAN-2).
 */
class SharedRateLimitTest {

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        TestDatabases.Database database = TestDatabases.newDatabase();
        nodeA = node(database);
        nodeB = node(database);
    }

    private static ConfigurableApplicationContext node(TestDatabases.Database database) throws Exception {
        return Nodes.start(database, "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379",
                "--atrium.plans.free.rate-limits.management.per-minute=4");
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void callsToEitherNodeDrawOnTheAccountsSingleBudget() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodeA));
        onA.signUp("Budget Sharer", uniqueEmail("sharer"), PASSWORD);
        String key = ApiKeys.create(onA, "shared budget");
        // all five calls in one minute window
        while (Instant.now().getEpochSecond() % 60 > 45) {
            Thread.sleep(500);
        }

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB, nodeA, nodeB, nodeA)) {
            answers.add(call(node, key));
        }

        assertThat(answers.stream().map(HttpResponse::statusCode)).containsExactly(200, 200, 200, 200, 429);
        assertThat(answers.stream().map(answer -> answer.headers().firstValue("X-Ratelimit-Used").orElse("")))
                .containsExactly("1", "2", "3", "4", "4");
        assertThat(answers.get(4).body()).contains("\"code\":\"too_many_requests\"");
        assertThat(call(nodeB, key).statusCode()).isEqualTo(429);
    }

    @Test
    void aPlanChangedOnOneNodeGovernsTheOtherWithinASecond() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodeA));
        onA.signUp("Plan Mover", uniqueEmail("planmover"), PASSWORD);
        String key = ApiKeys.create(onA, "plan");
        // node B has the free plan cached
        assertThat(call(nodeB, key).headers().firstValue("X-Ratelimit-Limit")).contains("4");

        onA.submit("/settings/billing", "/settings/billing", Map.of("plan", "developer"));
        assertThat(call(nodeA, key).headers().firstValue("X-Ratelimit-Limit")).contains("1200");

        // the cached plan lives at most 0.9 s; the rest is slack for a busy test machine
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(call(nodeB, key).headers().firstValue("X-Ratelimit-Limit")).contains("1200"));
    }

    private HttpResponse<String> call(ConfigurableApplicationContext node, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Nodes.port(node) + "/api/v1/account"))
                .header("x-api-key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

}
