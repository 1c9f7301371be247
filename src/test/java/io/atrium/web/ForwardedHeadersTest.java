package io.atrium.web;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;

/**
 * {@code X-Forwarded-*} headers count only when a proxy named in {@code server.tomcat.remoteip.internal-proxies}
 * sends them. From anyone else, even from loopback or a private network, they are a client's own words.
 */
@ServerTest
@Tag("database")
class ForwardedHeadersTest {

    /** With no proxy named in the configuration, the headers change neither the address Atrium records nor the scheme. */
    @Nested
    class WithNoProxyConfigured {

        @LocalServerPort
        int port;

        @Test
        void aForwardedForHeaderSentByTheClientIsNotTheAddressTheAuditLogRecords() throws Exception {
            assertThat(auditLogOfAKeyMadeWithForwardedFor(port, "198.51.100.23"))
                    .contains("api_key.created").doesNotContain("198.51.100.23")
                    .containsPattern("<code>(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)</code>");
        }

        @Test
        void aForwardedProtoHeaderSentByTheClientDoesNotMakeTheSessionCookieSecure() throws Exception {
            assertThat(cookiesOfTheLoginPageForwardedAsHttps(port))
                    .anySatisfy(cookie -> assertThat(cookie).startsWith("ATRIUM_SESSION="))
                    .allSatisfy(cookie -> assertThat(cookie).doesNotContainIgnoringCase("Secure"));
        }
    }

    /** Behind the proxy the configuration names (here the test itself, on loopback), its headers are the truth. */
    @Nested
    @TestPropertySource(properties = {
            "server.tomcat.remoteip.internal-proxies=127.0.0.0/8, ::1/128",
            "atrium.login.max-failures-per-address=5" })
    class BehindTheConfiguredProxy {

        @LocalServerPort
        int port;

        @Test
        void theAddressTheConfiguredProxyForwardsIsTheOneTheAuditLogRecords() throws Exception {
            assertThat(auditLogOfAKeyMadeWithForwardedFor(port, "198.51.100.23")).contains("<code>198.51.100.23</code>");
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

            assertThat(fromSprayer.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).contains("/login?throttled"));
            assertThat(fromElsewhere.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        }

        @Test
        void httpsForwardedByTheConfiguredProxyMakesTheSessionCookieSecure() throws Exception {
            assertThat(cookiesOfTheLoginPageForwardedAsHttps(port))
                    .anySatisfy(cookie -> assertThat(cookie).startsWith("ATRIUM_SESSION=").containsIgnoringCase("Secure"));
        }
    }

    /** A new user, every request sending {@code X-Forwarded-For: address}, makes an API key; their audit log page. */
    private static String auditLogOfAKeyMadeWithForwardedFor(int port, String address)
            throws IOException, InterruptedException {
        HttpVisitor visitor = new HttpVisitor(port).withHeader("X-Forwarded-For", address);
        visitor.signUp("Forwarded", uniqueEmail("forwarded"), PASSWORD);
        ApiKeys.create(visitor, "audited");
        return visitor.get("/settings/audit-log").body();
    }

    /** The cookies set with the log-in page asked for with {@code X-Forwarded-Proto: https}. */
    private static List<String> cookiesOfTheLoginPageForwardedAsHttps(int port) throws IOException, InterruptedException {
        return new HttpVisitor(port).withHeader("X-Forwarded-Proto", "https").get("/login").headers().allValues("Set-Cookie");
    }
}
