package io.atrium.api;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.RawHttp;
import io.atrium.testsupport.ServerTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer under {@code /v1.3} and {@code /api/v1} is the API's JSON error with a stable code, whichever layer
 * refuses the request: Tomcat before any servlet, Spring Security's firewall, the container's error dispatch, Spring
 * MVC. The requests go over a raw socket, since HTTP clients refuse to send most of them or repair them first.
 */
@ServerTest
// A body that stops arriving is given up after this long (a 408), rather than Tomcat's default of a minute.
@TestPropertySource(properties = "server.tomcat.connection-timeout=2s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiErrorResponsesTest {

    private static final String KEY = "{key}";

    @LocalServerPort
    int port;

    private String key;
    private String errorCodesPage;

    @BeforeAll
    void aKeyAndTheErrorCodesPage() throws Exception {
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signUp("Raw Caller", uniqueEmail("raw"), PASSWORD);
        key = ApiKeys.create(visitor, "raw socket");
        errorCodesPage = visitor.get("/docs/errors.html").body();
    }

    static Stream<Arguments> refusals() {
        String manyParameters = IntStream.range(0, 1001).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));
        String oversizedJson = "{\"index_name\":\"" + "a".repeat(1200 * 1024) + "\"}";
        return Stream.of(
                // Tomcat, before any servlet: its error report
                refusal("an encoded slash", 400, "request_rejected", "GET /v1.3/indexes/%2f HTTP/1.1\r\nHost: a\r\n"),
                refusal("an encoded backslash", 400, "request_rejected",
                        "GET /v1.3/indexes/%5c HTTP/1.1\r\nHost: a\r\n"),
                refusal("an encoded NUL", 400, "request_rejected", "GET /api/v1/account%00 HTTP/1.1\r\nHost: a\r\n"),
                refusal("a malformed escape", 400, "request_rejected", "GET /v1.3/indexes/%zz HTTP/1.1\r\nHost: a\r\n"),
                refusal("a character no URL may have", 400, "request_rejected",
                        "GET /v1.3/indexes/a{b HTTP/1.1\r\nHost: a\r\n"),
                refusal("a Content-Length that is no number", 400, "request_rejected",
                        "POST /v1.3/indexes HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n"),
                refusal("two different Content-Lengths", 400, "request_rejected",
                        "POST /v1.3/indexes HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 3\r\n"),
                refusal("a header name with a space", 400, "request_rejected",
                        "GET /api/v1/account HTTP/1.1\r\nHost: a\r\nBad Header: 1\r\n"),
                refusal("no Host header", 400, "request_rejected", "GET /api/v1/account HTTP/1.1\r\n"),
                refusal("headers over Tomcat's size limit", 400, "request_rejected",
                        "GET /v1.3/indexes HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(9000) + "\r\n"),
                refusal("a transfer coding Tomcat does not speak", 501, "request_rejected",
                        "POST /v1.3/indexes HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n"),
                refusal("an HTTP version Tomcat does not speak", 505, "request_rejected",
                        "GET /v1.3/indexes HTTP/1.7\r\nHost: a\r\n"),
                // Spring Security's firewall
                refusal("a dot segment", 400, "request_rejected", "GET /v1.3/../v1.3/indexes HTTP/1.1\r\nHost: a\r\n"),
                refusal("an encoded dot segment", 400, "request_rejected",
                        "GET /api/v1/%2e%2e/account HTTP/1.1\r\nHost: a\r\n"),
                refusal("a double slash", 400, "request_rejected", "GET //v1.3/indexes HTTP/1.1\r\nHost: a\r\n"),
                refusal("an API key as a path parameter", 400, "request_rejected",
                        "GET /v1.3/indexes;x-api-key=" + KEY + " HTTP/1.1\r\nHost: a\r\n"),
                // the container's error dispatch, after Tomcat or Spring answered with sendError
                refusal("TRACE", 405, "method_not_allowed", "TRACE /api/v1/account HTTP/1.1\r\nHost: a\r\n"),
                refusal("a broken chunked body", 400, "request_rejected", "POST /v1.3/indexes HTTP/1.1\r\nHost: a\r\n"
                        + "x-api-key: " + KEY + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                        "zz\r\n{}\r\n0\r\n\r\n"),
                refusal("a body that stops arriving", 408, "request_timeout",
                        "POST /v1.3/indexes HTTP/1.1\r\nHost: a\r\nx-api-key: " + KEY
                                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n",
                        "{\"index_name\""),
                // Spring MVC and the API's controllers
                refusal("more than 1000 query parameters", 400, "parameter_invalid",
                        "GET /v1.3/indexes?" + manyParameters + " HTTP/1.1\r\nHost: a\r\nx-api-key: " + KEY + "\r\n"),
                refusal("more than 1000 form parameters", 400, "parameter_invalid", "POST /v1.3/indexes HTTP/1.1\r\n"
                        + "Host: a\r\nx-api-key: " + KEY + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + manyParameters.length() + "\r\n", manyParameters),
                refusal("an Accept header without JSON", 406, "not_acceptable",
                        "GET /v1.3/indexes HTTP/1.1\r\nHost: a\r\nx-api-key: " + KEY
                                + "\r\nAccept: application/xml\r\n"),
                refusal("an Accept header without JSON, for something missing", 404, "resource_not_exist",
                        "GET /v1.3/indexes/0123456789abcdef01234567 HTTP/1.1\r\nHost: a\r\nx-api-key: " + KEY
                                + "\r\nAccept: application/xml\r\n"),
                refusal("a JSON body announced ten times larger than the limit", 413, "request_too_large",
                        "POST /v1.3/indexes HTTP/1.1\r\nHost: a\r\nx-api-key: " + KEY
                                + "\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n"),
                refusal("a chunked JSON body that passes the limit", 413, "request_too_large",
                        "POST /v1.3/indexes HTTP/1.1\r\nHost: a\r\nx-api-key: " + KEY
                                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                        Integer.toHexString(oversizedJson.length()) + "\r\n" + oversizedJson + "\r\n0\r\n\r\n"),
                refusal("a body that is not JSON", 415, "parameter_invalid",
                        "POST /v1.3/indexes HTTP/1.1\r\nHost: a\r\nx-api-key: " + KEY
                                + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n", "hi"));
    }

    private static Arguments refusal(String what, int status, String code, String head) {
        return refusal(what, status, code, head, "");
    }

    private static Arguments refusal(String what, int status, String code, String head, String body) {
        return Arguments.of(what, status, code, head + "Connection: close\r\n\r\n" + body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedApiRequestGetsTheApiJsonErrorWithAStableCode(String what, int status, String code, String request)
            throws IOException {
        RawHttp.Response response = RawHttp.exchange(port, request.replace(KEY, key), Duration.ofSeconds(30));

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode error = JsonMapper.shared().readTree(response.body());
        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.path("docs_url").asString()).endsWith("/docs/errors.html#" + code);
        assertThat(errorCodesPage).as("the code explained on the page docs_url points at")
                .contains("id=\"" + code + "\"");
        assertThat(response.body()).doesNotContain(key).doesNotContain("timestamp").doesNotContain("Tomcat");
    }

    @Test
    void outsideTheApiTomcatsRefusalIsAPlainPageWithoutItsVersion() throws IOException {
        RawHttp.Response response = RawHttp.exchange(port,
                "GET /settings/%2f HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(response.body()).contains("Bad Request").doesNotContain("Apache Tomcat");
    }

    @Test
    void outsideTheApiTheFirewallsRefusalIsTheErrorPage() throws IOException {
        RawHttp.Response response = RawHttp.exchange(port,
                "GET /settings/../login HTTP/1.1\r\nHost: a\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("text/html");
    }
}
