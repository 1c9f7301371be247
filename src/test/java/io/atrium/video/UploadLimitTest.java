package io.atrium.video;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.ServerTest;

/** Through a real servlet container: an upload over the limit is refused with 413 and stores nothing. */
@ServerTest
@TestPropertySource(properties = {"spring.servlet.multipart.max-file-size=1MB", "spring.servlet.multipart.max-request-size=1MB"})
class UploadLimitTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anUploadOverTheLimitIsRefusedWith413AndStoresNothing() throws Exception {
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signUp("Big Uploader", uniqueEmail("big"), PASSWORD);
        visitor.submit("/settings/api-keys", "/settings/api-keys", Map.of("name", "uploads", "expiration", "12"));
        String key = ApiKeys.find(visitor.get("/settings/api-keys").body());
        HttpClient http = HttpClient.newHttpClient();
        String index = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1.3/indexes"))
                        .header("x-api-key", key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"index_name\":\"Big\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body().replaceAll(".*\"_id\":\"([0-9a-f]{24})\".*", "$1");

        String boundary = "atrium-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"index_id\"\r\n\r\n" + index + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"video_file\"; filename=\"big.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(new byte[2 * 1024 * 1024]);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1.3/tasks"))
                .header("x-api-key", key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"video_filesize_too_large\"");
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :i").param("i", index).query(Long.class).single()).isZero();
    }
}
