package io.atrium.cluster;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.Nodes;

/**
 * Two Atrium nodes on one PostgreSQL database, as behind a load balancer: a session made on one is valid
 * on the other, a key revoked through one is refused by the other within a second (R-KEY-5), and a key rotated
 * through one takes its new secret on the other at once.
 */
class TwoNodesTest {

    @AutoClose
    static Nodes.Two nodes;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        nodes = Nodes.startTwo();
    }

    @Test
    void aSessionStartedOnOneNodeIsValidOnTheOther() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodes.a()));
        onA.signUp("Node Hopper", uniqueEmail("hopper"), PASSWORD);
        HttpVisitor onB = new HttpVisitor(Nodes.port(nodes.b()));
        onB.setCookie("ATRIUM_SESSION", onA.cookie("ATRIUM_SESSION").orElseThrow());

        HttpResponse<String> home = onB.get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(">NH</summary>");
    }

    @Test
    void aKeyRevokedThroughOneNodeIsRefusedByTheOtherWithinASecond() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodes.a()));
        onA.signUp("Key Holder", uniqueEmail("holder"), PASSWORD);
        String key = ApiKeys.create(onA, "two nodes");
        assertThat(call(nodes.b(), "GET", "/api/v1/account", key).statusCode()).isEqualTo(200);
        String list = call(nodes.a(), "GET", "/api/v1/api-keys", key).body();
        Matcher id = Pattern.compile("\"_id\":\"([0-9a-f]{24})\"").matcher(list);
        assertThat(id.find()).isTrue();

        assertThat(call(nodes.a(), "DELETE", "/api/v1/api-keys/" + id.group(1), key).statusCode()).isEqualTo(204);
        long revokedAt = System.nanoTime();
        HttpResponse<String> onB;
        do {
            onB = call(nodes.b(), "GET", "/api/v1/account", key);
        } while (onB.statusCode() == 200 && System.nanoTime() - revokedAt < Duration.ofSeconds(3).toNanos());
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - revokedAt).toMillis();

        assertThat(onB.statusCode()).isEqualTo(401);
        assertThat(onB.body()).contains("\"reason\":\"revoked\"");
        assertThat(elapsedMillis).isLessThan(1000);
    }

    @Test
    void aKeyRotatedThroughOneNodeTakesItsNewSecretOnTheOtherAtOnceAndRefusesTheOldWithinASecond() throws Exception {
        HttpVisitor onA = new HttpVisitor(Nodes.port(nodes.a()));
        onA.signUp("Key Rotator", uniqueEmail("tworotator"), PASSWORD);
        String old = ApiKeys.create(onA, "rotated on two nodes");
        assertThat(call(nodes.b(), "GET", "/api/v1/account", old).statusCode()).isEqualTo(200);
        String list = call(nodes.a(), "GET", "/api/v1/api-keys", old).body();
        Matcher id = Pattern.compile("\"_id\":\"([0-9a-f]{24})\"").matcher(list);
        assertThat(id.find()).isTrue();
        // Node B now holds the key as it was; it rereads a key on an unknown secret once its copy is 100 ms old.
        Thread.sleep(150);

        HttpResponse<String> rotated = Nodes.api(nodes.a()).as(old).send("POST", "/api/v1/api-keys/" + id.group(1) + "/rotate",
                "{\"grace_period_hours\":0}");
        assertThat(rotated.statusCode()).isEqualTo(200);
        String fresh = ApiKeys.find(rotated.body());
        long rotatedAt = System.nanoTime();

        assertThat(call(nodes.b(), "GET", "/api/v1/account", fresh).statusCode()).isEqualTo(200);
        HttpResponse<String> oldOnB;
        do {
            oldOnB = call(nodes.b(), "GET", "/api/v1/account", old);
        } while (oldOnB.statusCode() == 200 && System.nanoTime() - rotatedAt < Duration.ofSeconds(3).toNanos());
        assertThat(oldOnB.statusCode()).isEqualTo(401);
        assertThat(oldOnB.body()).contains("\"reason\":\"rotated\"");
        assertThat(Duration.ofNanos(System.nanoTime() - rotatedAt).toMillis()).isLessThan(1000);
    }

    private HttpResponse<String> call(ConfigurableApplicationContext node, String method, String path, String key)
            throws Exception {
        return Nodes.api(node).as(key).send(method, path);
    }

}
