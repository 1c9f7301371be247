package io.atrium.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.autoconfigure.json.AutoConfigureJson;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.test.context.ContextConfiguration;

/**
 * A JDBC slice: the DataSource, Flyway (with the application's Java migrations), a {@code JdbcClient} and the
 * repositories the test class {@code @Import}s, on a database of its own like every {@link IntegrationTest}
 * (PostgreSQL by default, H2 in the build's H2 pass: tagged {@code database}). No web server, no background
 * work. Each test runs in a transaction that is rolled back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest(includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = JavaMigration.class))
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
// the Java migrations (VideoMetadataBackfill) read JSON with the application's JsonMapper
@AutoConfigureJson
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Tag("database")
public @interface RepositoryTest {
}
