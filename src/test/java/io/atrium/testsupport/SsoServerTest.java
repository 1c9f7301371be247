package io.atrium.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link ServerTest} with a real OpenID Connect provider on loopback ({@link OidcProvider}), one per test class and
 * stopped after it; organizations made with {@link SsoOrganizations} sign their people in there. A test class extends
 * it and is annotated {@code @ServerTest} itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SsoServerTest {

    protected final OidcProvider provider = OidcProvider.start();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;

    @AfterAll
    void stopProvider() {
        provider.close();
    }
}
