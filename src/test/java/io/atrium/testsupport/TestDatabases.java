package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Gives each test application context a database of its own, on the engine the run asks for with the system
 * property {@code atrium.test.database}: {@code postgres} (default) or {@code h2}.
 *
 * <p>PostgreSQL is the server at {@code ATRIUM_TEST_POSTGRES_URL} (default the local one at 127.0.0.1:5432,
 * database {@code test}); when none answers there, embedded PostgreSQL binaries from Maven are started once
 * for the whole run. Either way the tests run on a real PostgreSQL: there is no silent skip.
 */
public final class TestDatabases {

    public record Database(String url, String username, String password) {
    }

    private static final String ENGINE = System.getProperty("atrium.test.database", "postgres").toLowerCase(Locale.ROOT);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static volatile Server server;
    private static volatile EmbeddedPostgres embedded;

    private record Server(String adminUrl, String username, String urlPrefix) {
    }

    private TestDatabases() {
    }

    public static boolean onPostgres() {
        return !ENGINE.equals("h2");
    }

    /** A new, empty database on the engine of this run. */
    public static Database newDatabase() {
        String name = "atrium_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        if (!onPostgres()) {
            return new Database("jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        }
        Server postgres = postgresServer();
        execute(postgres, "create database " + name);
        CREATED.add(name);
        return new Database(postgres.urlPrefix() + name, postgres.username(), "");
    }

    private static synchronized Server postgresServer() {
        if (server == null) {
            server = connectOrStart();
            // Run by Spring Boot's shutdown hook after it has closed every application context: as a JVM hook of
            // its own, dropping would race with the contexts' last writes (a node flushes what it counted).
            SpringApplication.getShutdownHandlers().add(TestDatabases::dropCreatedAndStopEmbedded);
        }
        return server;
    }

    private static Server connectOrStart() {
        String configured = System.getenv("ATRIUM_TEST_POSTGRES_URL");
        String url = configured != null ? configured : "jdbc:postgresql://127.0.0.1:5432/test";
        String user = System.getenv().getOrDefault("ATRIUM_TEST_POSTGRES_USER", "postgres");
        if (configured != null || portOpen("127.0.0.1", 5432)) {
            String prefix = url.substring(0, url.lastIndexOf('/') + 1);
            return new Server(url, user, prefix);
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
            String prefix = "jdbc:postgresql://localhost:" + embedded.getPort() + "/";
            return new Server(prefix + "postgres", "postgres", prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("No PostgreSQL at 127.0.0.1:5432 and the embedded one did not start", e);
        }
    }

    private static boolean portOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void dropCreatedAndStopEmbedded() {
        for (String name : CREATED) {
            try {
                execute(server, "drop database if exists " + name + " with (force)");
            } catch (RuntimeException ignored) {
                // best effort at shutdown; a left-over test database does no harm
            }
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the process is ending; the embedded server's directory is temporary
            }
        }
    }

    private static void execute(Server postgres, String sql) {
        try (Connection connection = DriverManager.getConnection(postgres.adminUrl(), postgres.username(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL statement failed: " + sql, e);
        }
    }
}
