package io.atrium.web;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.zaxxer.hikari.HikariDataSource;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

/**
 * The pool replaces its connections over time (every 30 minutes by default), including the one the schema was
 * migrated on; the database must work the same with new ones (on H2 2.4.240 CHECK constraints broke).
 */
@IntegrationTest
class ConnectionRenewalTest extends ApplicationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void signingUpWorksAfterThePoolHasReplacedEveryConnection() throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        pool.getHikariPoolMXBean().softEvictConnections();

        signUp(mvc, "Renewed Connection", uniqueEmail("renewed"));

        assertThat(jdbc.sql("select count(*) from accounts a join users u on u.id = a.personal_of_user_id "
                + "where u.name = 'Renewed Connection' and a.kind = 'personal'").query(Integer.class).single()).isEqualTo(1);
    }
}
