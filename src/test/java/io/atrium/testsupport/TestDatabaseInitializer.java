package io.atrium.testsupport;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points an application context under test at a fresh database of its own (see {@link TestDatabases}). */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabases.Database database = TestDatabases.newDatabase();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("atrium-test-database", Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password())));
    }
}
