package io.atrium.durability;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockMultipartFile;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.HttpVisitor;
import io.atrium.testsupport.MultipartForm;
import io.atrium.testsupport.Outbox;
import io.atrium.testsupport.PackagedServer;
import io.atrium.testsupport.TestVideos;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the server has acknowledged survives a crash: the packaged jar runs on its embedded default database (H2
 * under a fresh data directory), is killed with SIGKILL the moment it has answered a write, and started again on
 * the same directory, where the write must still be there. One kill per kind of write: a key revoked, a member
 * removed, an upload task created.
 */
class CrashRecoveryIT {

    @TempDir
    Path work;

    private PackagedServer server;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void everyWriteAcknowledgedJustBeforeAKill9IsThereAfterTheRestart() throws Exception {
        Path data = work.resolve("data");
        server = PackagedServer.start(data);

        // An organization with an admin, two of the admin's keys, a member, an index and a video to upload, made
        // through the Playground's forms and the API as people make them.
        HttpVisitor admin = new HttpVisitor(server.port());
        assertThat(admin.signUp("Crash Admin", "crash-admin@example.com", PASSWORD).statusCode()).isEqualTo(302);
        assertThat(admin.submit("/settings/organization", "/settings/organization", Map.of("name", "Crash Harbor"))
                .statusCode()).isEqualTo(302);
        String adminKey = ApiKeys.create(admin, "crash admin");
        JsonNode doomed = json(call("POST", "/api/v1/api-keys", adminKey, "{\"name\":\"doomed\"}"), 201);
        String doomedKey = doomed.path("key").asString();
        HttpVisitor member = new HttpVisitor(server.port());
        assertThat(member.signUp("Crash Member", "crash-member@example.com", PASSWORD).statusCode()).isEqualTo(302);
        json(call("POST", "/api/v1/invitations", adminKey,
                "{\"emails\":[\"crash-member@example.com\"],\"role\":\"member\"}"), 200);
        // The member reads the invitation in their own development inbox (no SMTP here) and accepts it.
        String token = Outbox.invitationToken(member.get("/dev/inbox").body());
        assertThat(member.submit("/invitations/" + token, "/invitations/" + token + "/accept", Map.of()).statusCode())
                .isEqualTo(302);
        String memberId = json(call("GET", "/api/v1/members", adminKey, null), 200).path("data").valueStream()
                .filter(m -> m.path("email").asString().equals("crash-member@example.com"))
                .map(m -> m.path("user_id").asString()).findFirst().orElseThrow();
        String indexId = json(call("POST", "/v1.3/indexes", adminKey, "{\"index_name\":\"crash\",\"models\":"
                + "[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\",\"audio\"]}]}"), 201).path("_id").asString();
        Path video = TestVideos.testPattern(work, "crash.mp4", 4, 640, 360, 25);
        assertThat(call("GET", "/api/v1/account", doomedKey, null).statusCode()).isEqualTo(200);
        // Each lost write is reported, not only the first: the three are independent.
        SoftAssertions survived = new SoftAssertions();

        HttpResponse<String> revoked = call("DELETE", "/api/v1/api-keys/" + doomed.path("_id").asString(), adminKey, null);
        server.kill();
        assertThat(revoked.statusCode()).isEqualTo(204);
        assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        server = PackagedServer.start(data);
        survived.assertThat(call("GET", "/api/v1/account", doomedKey, null).statusCode()).as("the revoked key")
                .isEqualTo(401);

        HttpResponse<String> removed = call("DELETE", "/api/v1/members/" + memberId, adminKey, null);
        server.kill();
        assertThat(removed.statusCode()).isEqualTo(204);
        server = PackagedServer.start(data);
        survived.assertThat(json(call("GET", "/api/v1/members", adminKey, null), 200).path("data").valueStream()
                .map(m -> m.path("user_id").asString())).as("the members after the restart").doesNotContain(memberId);

        MultipartForm upload = MultipartForm.post("/v1.3/tasks").param("index_id", indexId)
                .file(new MockMultipartFile("video_file", "crash.mp4", "video/mp4", Files.readAllBytes(video)));
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/v1.3/tasks")).header("x-api-key", adminKey)
                .header("Content-Type", upload.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body())));
        server.kill();
        String taskId = json(created, 201).path("_id").asString();
        server = PackagedServer.start(data);
        HttpResponse<String> task = call("GET", "/v1.3/tasks/" + taskId, adminKey, null);
        survived.assertThat(task.statusCode()).as("the task after the restart: " + task.body()).isEqualTo(200);
        survived.assertAll();
    }

    private HttpResponse<String> call(String method, String path, String key, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("x-api-key", key);
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.port() + path);
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isEqualTo(expectedStatus);
        return JsonMapper.shared().readTree(response.body());
    }
}
