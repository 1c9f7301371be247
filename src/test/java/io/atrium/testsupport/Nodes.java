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

    public static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }
}
