package io.atrium.cluster;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.Nodes;
import io.atrium.testsupport.TestDatabases;

/**
 * Two Atrium nodes on one PostgreSQL database, as behind a load balancer: a session made on one is valid
 * on the other, and a key revoked through one is refused by the other within a second (R-KEY-5).
 */
class TwoNodesTest {

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        TestDatabases.Database database = TestDatabases.newDatabase();
        nodeA = Nodes.start(database);
        nodeB = Nodes.start(database);
    }

    @AfterAll
    static void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void aSessionStartedOnOneNodeIsValidOnTheOther() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodeA));
        onA.signUp("Node Hopper", uniqueEmail("hopper"), PASSWORD);
        HttpVisitor onB = new HttpVisitor(Nodes.port(nodeB));
        onB.setCookie("ATRIUM_SESSION", onA.cookie("ATRIUM_SESSION").orElseThrow());

        HttpResponse<String> home = onB.get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(">NH</summary>");
    }

    @Test
    void aKeyRevokedThroughOneNodeIsRefusedByTheOtherWithinASecond() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodeA));
        onA.signUp("Key Holder", uniqueEmail("holder"), PASSWORD);
        String key = ApiKeys.create(onA, "two nodes");
        assertThat(call(nodeB, "GET", "/api/v1/account", key).statusCode()).isEqualTo(200);
        String list = call(nodeA, "GET", "/api/v1/api-keys", key).body();
        Matcher id = Pattern.compile("\"_id\":\"([0-9a-f]{24})\"").matcher(list);
        assertThat(id.find()).isTrue();

        assertThat(call(nodeA, "DELETE", "/api/v1/api-keys/" + id.group(1), key).statusCode()).isEqualTo(204);
        long revokedAt = System.nanoTime();
        HttpResponse<String> onB;
        do {
            onB = call(nodeB, "GET", "/api/v1/account", key);
        } while (onB.statusCode() == 200 && System.nanoTime() - revokedAt < Duration.ofSeconds(3).toNanos());
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - revokedAt).toMillis();

        assertThat(onB.statusCode()).isEqualTo(401);
        assertThat(onB.body()).contains("\"reason\":\"revoked\"");
        assertThat(elapsedMillis).isLessThan(1000);
    }

    private HttpResponse<String> call(ConfigurableApplicationContext node, String method, String path, String key)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Nodes.port(node) + path))
                .header("x-api-key", key).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
