package io.atrium.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points an application context under test at a fresh database of its own (see {@link TestDatabases}) and a
 * data directory of its own, so stored files never land in the working tree. Single sign-on asks the tests' DNS
 * server ({@link LoopbackDns}) and may reach providers on loopback ({@link OidcProvider}).
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabases.Database database = TestDatabases.newDatabase();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("atrium-test-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("atrium-test-database", Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(),
                "atrium.data-dir", dataDir.toString(),
                "atrium.sso.dns-resolver", LoopbackDns.shared().address(),
                "atrium.sso.allowed-addresses", "127.0.0.0/8,::1",
                // many contexts stay cached during a run, each with its own pool: keep each pool small and let idle
                // connections go, so the suite stays well under PostgreSQL's 100 connections
                "spring.datasource.hikari.maximum-pool-size", "4",
                "spring.datasource.hikari.minimum-idle", "0",
                "spring.datasource.hikari.idle-timeout", "10000")));
    }
}
