package io.atrium.web;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;

/**
 * A client cannot escape the log-in throttle's budget per address by writing a new {@code X-Forwarded-For} on
 * every attempt: with no proxy configured, its address is the connection's.
 */
@ServerTest
@Tag("database")
@TestPropertySource(properties = "atrium.login.max-failures-per-address=5")
// The test leaves loopback itself throttled: no other test may be given this server.
@DirtiesContext
class ForwardedForThrottleTest {

    @LocalServerPort
    int port;

    @Test
    void failuresWithADifferentForgedForwardedForEachTimeStillExhaustTheConnectionsBudget() throws Exception {
        String victim = uniqueEmail("victim");
        new HttpVisitor(port).signUp("Victim", victim, PASSWORD);
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<String> failed = new HttpVisitor(port).withHeader("X-Forwarded-For", "198.51.100." + attempt)
                    .logIn(uniqueEmail("spray"), "guess-" + attempt);
            assertThat(failed.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        }

        HttpResponse<String> next = new HttpVisitor(port).withHeader("X-Forwarded-For", "198.51.100.99")
                .logIn(victim, PASSWORD);

        assertThat(next.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?throttled"));
    }
}
