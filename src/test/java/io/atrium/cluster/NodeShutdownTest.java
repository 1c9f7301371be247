package io.atrium.cluster;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.Nodes;
import io.atrium.testsupport.TestDatabases;

/** A node that shuts down writes what it counted in memory (usage, keys' last use) before it goes. */
class NodeShutdownTest {

    @Test
    void usageAndLastUseCountedSinceTheLastFlushAreWrittenAtShutdown() throws Exception {
        TestDatabases.Database database = TestDatabases.newDatabase();
        ConfigurableApplicationContext node = Nodes.start(database, "--atrium.usage.flush-interval=1h",
                "--atrium.api-keys.last-used-flush-interval=1h");
        String key;
        try {
            HttpVisitor visitor = new HttpVisitor(Nodes.port(node));
            visitor.signUp("Last Caller", uniqueEmail("shutdown"), PASSWORD);
            key = ApiKeys.create(visitor, "shutdown");
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + Nodes.port(node) + "/api/v1/account"))
                        .header("x-api-key", key).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).isEqualTo(200);
            }
            assertThat(requestsCounted(database)).as("nothing flushed yet").isZero();
        } finally {
            node.close();
        }

        assertThat(requestsCounted(database)).isEqualTo(3);
        assertThat(lastUsedKeys(database)).isEqualTo(1);
    }

    private static long requestsCounted(TestDatabases.Database database) throws Exception {
        return single(database, "select coalesce(sum(api_requests), 0) from usage_daily");
    }

    private static long lastUsedKeys(TestDatabases.Database database) throws Exception {
        return single(database, "select count(*) from api_keys where last_used_at is not null");
    }

    private static long single(TestDatabases.Database database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(), database.password());
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
