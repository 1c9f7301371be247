package io.atrium.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a database of its own, driven through MockMvc. Tagged {@code database}, so the
 * build runs these tests on PostgreSQL and again on H2.
 *
 * <p>MockMvc hands sessions over as {@code MockHttpSession} objects, which Spring Session's cookie-based
 * lookup cannot see, so these tests keep sessions in the servlet container. Every {@link ServerTest}
 * (real HTTP, browsers, several nodes) runs with the database-backed sessions of production.
 *
 * <p>Each has an {@link ApiClient} to {@code @Autowired}, for calls to the public API with a key.
 *
 * <p>Background jobs (video tasks, mail) are looked for every 100 ms (production: every second), so a test that
 * uploads needs no {@code @TestPropertySource} of its own and shares the cached context with the others; one that
 * must hold the jobs back sets {@code atrium.jobs.poll-interval} itself (as the import tests do). Heartbeats come
 * every second, so a job left by a crashed node (see {@link Jobs}) is revived within seconds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {"spring.autoconfigure.exclude="
        + "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration,"
        + "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
        // uploads in tests finish within a moment, and classes that upload share the default context
        "atrium.jobs.poll-interval=100ms", "atrium.jobs.heartbeat-interval=1s",
        // every MockMvc client is 127.0.0.1: the identity mails it may cause are not limited here
        // (IdentityMailLimitTest tests the limit with its own value)
        "atrium.identity.mails.per-client-per-hour=1000000"})
@AutoConfigureMockMvc
@Import(ApiClient.class)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@Tag("database")
public @interface IntegrationTest {
}
