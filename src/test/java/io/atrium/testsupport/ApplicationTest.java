package io.atrium.testsupport;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What nearly every {@link IntegrationTest} works with, so none declares it again: MockMvc for the Playground,
 * the {@link ApiClient} for the public API and a {@link JdbcClient} to look into the database. A test class
 * extends it and is annotated {@code @IntegrationTest} itself.
 */
public abstract class ApplicationTest {

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected ApiClient api;
    @Autowired
    protected JdbcClient jdbc;
}
