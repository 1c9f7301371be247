package io.atrium.web;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;

/**
 * Behind a proxy named in {@code server.tomcat.remoteip.internal-proxies} (here the test itself, on loopback),
 * the client address and scheme the proxy forwards are the ones Atrium uses.
 */
@ServerTest
@Tag("database")
@TestPropertySource(properties = {
        "server.tomcat.remoteip.internal-proxies=127.0.0.0/8, ::1/128",
        "atrium.login.max-failures-per-address=5" })
class TrustedProxyTest {

    @LocalServerPort
    int port;

    @Test
    void theAddressTheConfiguredProxyForwardsIsTheOneTheAuditLogRecords() throws Exception {
        HttpVisitor visitor = new HttpVisitor(port).withHeader("X-Forwarded-For", "198.51.100.23");
        visitor.signUp("Proxied", uniqueEmail("proxied"), PASSWORD);

        ApiKeys.create(visitor, "audited");

        assertThat(visitor.get("/settings/audit-log").body()).contains("<code>198.51.100.23</code>");
    }

    @Test
    void failuresForwardedByTheConfiguredProxyCountAgainstTheForwardedAddressOnly() throws Exception {
        String email = uniqueEmail("owner");
        new HttpVisitor(port).signUp("Owner", email, PASSWORD);
        for (int attempt = 1; attempt <= 5; attempt++) {
            new HttpVisitor(port).withHeader("X-Forwarded-For", "198.51.100.77").logIn(uniqueEmail("spray"), "guess");
        }

        HttpResponse<String> fromSprayer = new HttpVisitor(port).withHeader("X-Forwarded-For", "198.51.100.77")
                .logIn(email, PASSWORD);
        HttpResponse<String> fromElsewhere = new HttpVisitor(port).withHeader("X-Forwarded-For", "198.51.100.78")
                .logIn(email, PASSWORD);

        assertThat(fromSprayer.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?throttled"));
        assertThat(fromElsewhere.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
    }

    @Test
    void httpsForwardedByTheConfiguredProxyMakesTheSessionCookieSecure() throws Exception {
        HttpResponse<String> page = new HttpVisitor(port).withHeader("X-Forwarded-Proto", "https").get("/login");

        assertThat(page.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("ATRIUM_SESSION=").containsIgnoringCase("Secure"));
    }
}
