package io.atrium.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real port and a database of its own, for tests that need what only a servlet
 * container does: error pages, cookies, session ids, a browser.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Every test client is 127.0.0.1: the identity mails it may cause are not limited here (IdentityMailLimitTest
// tests the limit with its own value).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "atrium.identity.mails.per-client-per-hour=1000000")
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface ServerTest {
}
