package io.atrium.web;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;

/**
 * With no proxy named in the configuration, {@code X-Forwarded-*} headers are a client's own words, even from
 * loopback or a private network: they change neither the address Atrium records nor the scheme.
 */
@ServerTest
@Tag("database")
class ForwardedHeadersTest {

    @LocalServerPort
    int port;

    @Test
    void aForwardedForHeaderSentByTheClientIsNotTheAddressTheAuditLogRecords() throws Exception {
        HttpVisitor visitor = new HttpVisitor(port).withHeader("X-Forwarded-For", "198.51.100.23");
        visitor.signUp("Forger", uniqueEmail("forger"), PASSWORD);

        ApiKeys.create(visitor, "audited");

        String auditLog = visitor.get("/settings/audit-log").body();
        assertThat(auditLog).contains("api_key.created").doesNotContain("198.51.100.23")
                .containsPattern("<code>(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)</code>");
    }

    @Test
    void aForwardedProtoHeaderSentByTheClientDoesNotMakeTheSessionCookieSecure() throws Exception {
        HttpResponse<String> page = new HttpVisitor(port).withHeader("X-Forwarded-Proto", "https").get("/login");

        assertThat(page.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("ATRIUM_SESSION="))
                .allSatisfy(cookie -> assertThat(cookie).doesNotContainIgnoringCase("Secure"));
    }
}
