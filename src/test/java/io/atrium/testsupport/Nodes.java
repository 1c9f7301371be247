package io.atrium.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.atrium.AtriumApplication;

/** Whole Atrium nodes on a random port each, sharing one database, as behind a load balancer. */
public final class Nodes {

    private Nodes() {
    }

    /** Starts a node on the database, with a data directory of its own and any further arguments. */
    public static ConfigurableApplicationContext start(TestDatabases.Database database, String... arguments)
            throws IOException {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--atrium.data-dir=" + Files.createTempDirectory("atrium-node")));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(AtriumApplication.class).run(all.toArray(String[]::new));
    }

    /** Two nodes on one new database, started with the same further arguments. */
    public static Two startTwo(String... arguments) throws IOException {
        TestDatabases.Database database = TestDatabases.newDatabase();
        return new Two(start(database, arguments), start(database, arguments));
    }

    public static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    /** The public API of a node, over HTTP. */
    public static HttpApiClient api(ConfigurableApplicationContext node) {
        return HttpApiClient.on(port(node));
    }

    /** A pair of nodes on one database; closing it stops both. */
    public record Two(ConfigurableApplicationContext a, ConfigurableApplicationContext b) implements AutoCloseable {

        @Override
        public void close() {
            a.close();
            b.close();
        }
    }
}
