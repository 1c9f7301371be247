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
 * account's rate limit is one budget, whichever node its calls land on (R-PLAN-2). Each node takes the budget from
 * Redis in leases of up to 3 calls (usage.RedisRateLimitStore).
 */
class SharedRateLimitTest {

    private static final int LIMIT = 10;
    private static final int LEASE_SIZE = 3;

    @AutoClose
    static Nodes.Two nodes;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        nodes = Nodes.startTwo("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=6379",
                "--atrium.plans.free.rate-limits.management.per-minute=" + LIMIT,
                "--atrium.rate-limits.lease-size=" + LEASE_SIZE);
    }

    @Test
    void callsToEitherNodeDrawOnTheAccountsSingleBudget() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodes.a()));
        onA.signUp("Budget Sharer", uniqueEmail("sharer"), PASSWORD);
        String key = ApiKeys.create(onA, "shared budget");
        // all the calls in one minute window
        while (Instant.now().getEpochSecond() % 60 > 45) {
            Thread.sleep(500);
        }

        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int call = 0; call < 2 * LIMIT; call++) {
            answers.add(call(call % 2 == 0 ? nodes.a() : nodes.b(), key));
        }

        // Never more than the limit between the two nodes. A node may hold up to a lease of calls it has not spent
        // and the other may not spend, so the other can be refused up to that many calls early: no fewer than
        // LIMIT - LEASE_SIZE calls pass. Each node's headers count what it knows (its lease's share of the count).
        List<HttpResponse<String>> passed = answers.stream().filter(answer -> answer.statusCode() == 200).toList();
        assertThat(passed).hasSizeBetween(LIMIT - LEASE_SIZE, LIMIT);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(200, 429));
        assertThat(passed).allSatisfy(answer -> {
            long used = Long.parseLong(answer.headers().firstValue("X-Ratelimit-Used").orElseThrow());
            assertThat(used).isBetween(1L, (long) LIMIT);
            assertThat(answer.headers().firstValue("X-Ratelimit-Remaining")).contains(Long.toString(LIMIT - used));
        });
        HttpResponse<String> refused = answers.get(answers.size() - 1);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-Ratelimit-Used")).contains(Integer.toString(LIMIT));
        assertThat(refused.body()).contains("\"code\":\"too_many_requests\"");
        assertThat(call(nodes.a(), key).statusCode()).isEqualTo(429);
        assertThat(call(nodes.b(), key).statusCode()).isEqualTo(429);
    }

    @Test
    void aPlanChangedOnOneNodeGovernsTheOtherWithinASecond() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodes.a()));
        onA.signUp("Plan Mover", uniqueEmail("planmover"), PASSWORD);
        String key = ApiKeys.create(onA, "plan");
        // node B has the free plan cached
        assertThat(call(nodes.b(), key).headers().firstValue("X-Ratelimit-Limit")).contains(Integer.toString(LIMIT));

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
