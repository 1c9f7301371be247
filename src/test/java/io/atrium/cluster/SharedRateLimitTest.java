package io.atrium.cluster;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.Nodes;

/**
 * Two nodes on one PostgreSQL database and the machine's Redis (127.0.0.1:6379, which .ci/run starts): an
 * account's rate limit is one budget, whichever node its calls land on (R-PLAN-2).
 */
class SharedRateLimitTest {

    @AutoClose
    static Nodes.Two nodes;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        nodes = Nodes.startTwo("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379",
                "--atrium.plans.free.rate-limits.management.per-minute=4");
    }

    @Test
    void callsToEitherNodeDrawOnTheAccountsSingleBudget() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodes.a()));
        onA.signUp("Budget Sharer", uniqueEmail("sharer"), PASSWORD);
        String key = ApiKeys.create(onA, "shared budget");
        // all five calls in one minute window
        while (Instant.now().getEpochSecond() % 60 > 45) {
            Thread.sleep(500);
        }

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (ConfigurableApplicationContext node : List.of(nodes.a(), nodes.b(), nodes.a(), nodes.b(), nodes.a())) {
            answers.add(call(node, key));
        }

        assertThat(answers.stream().map(HttpResponse::statusCode)).containsExactly(200, 200, 200, 200, 429);
        assertThat(answers.stream().map(answer -> answer.headers().firstValue("X-Ratelimit-Used").orElse("")))
                .containsExactly("1", "2", "3", "4", "4");
        assertThat(answers.get(4).body()).contains("\"code\":\"too_many_requests\"");
        assertThat(call(nodes.b(), key).statusCode()).isEqualTo(429);
    }

    @Test
    void aPlanChangedOnOneNodeGovernsTheOtherWithinASecond() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodes.a()));
        onA.signUp("Plan Mover", uniqueEmail("planmover"), PASSWORD);
        String key = ApiKeys.create(onA, "plan");
        // node B has the free plan cached
        assertThat(call(nodes.b(), key).headers().firstValue("X-Ratelimit-Limit")).contains("4");

        onA.submit("/settings/billing", "/settings/billing", Map.of("plan", "developer"));
        assertThat(call(nodes.a(), key).headers().firstValue("X-Ratelimit-Limit")).contains("1200");

        // the cached plan lives at most 0.9 s; the rest is slack for a busy test machine
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(call(nodes.b(), key).headers().firstValue("X-Ratelimit-Limit")).contains("1200"));
    }

    private HttpResponse<String> call(ConfigurableApplicationContext node, String key) throws Exception {
        return Nodes.api(node).as(key).get("/api/v1/account");
    }

}
