package io.atrium.testsupport;

import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;

/**
 * The public API as a client calls it over real HTTP ({@code java.net.http}), for a {@link ServerTest} on its
 * port: the HTTP flavour of {@link ApiClient}. {@code HttpApiClient.on(port).as(key).createIndex("Matches")}.
 */
public final class HttpApiClient {

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpApiClient(int port) {
        this.port = port;
    }

    public static HttpApiClient on(int port) {
        return new HttpApiClient(port);
    }

    /** Calls made with the key. */
    public Caller as(String key) {
        return new Caller(key);
    }

    /** A key of a new user's personal account, made on Settings > API Keys after signing up as {@code who}. */
    public String newKey(String who) throws IOException, InterruptedException {
        HttpVisitor visitor = new HttpVisitor(port);
        visitor.signUp("API " + who, uniqueEmail(who), PASSWORD);
        return ApiKeys.create(visitor, who + " key");
    }

    /** A request to the server without a key, for a signed media link, say. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return http.send(request, body);
    }

    /** The calls of one key. */
    public final class Caller extends KeyCalls {

        private final String key;

        private Caller(String key) {
            this.key = key;
        }

        public HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
            return http.send(request(path).header("x-api-key", key).method(method, HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        /** A request of any method with a JSON body: {@code DELETE} with one, say. */
        public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
            return http.send(request(path).header("x-api-key", key).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        public HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send("GET", path);
        }

        public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
            return send("DELETE", path);
        }

        /** Posts the body with its length announced, or chunked (a stream of unknown length). */
        public HttpResponse<String> post(String path, String contentType, byte[] body, boolean announced)
                throws IOException, InterruptedException {
            HttpRequest.BodyPublisher publisher = announced ? HttpRequest.BodyPublishers.ofByteArray(body)
                    : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
            return http.send(request(path).header("x-api-key", key).header("Content-Type", contentType)
                    .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The multipart form as an HTTP client writes it, its length announced. */
        public HttpResponse<String> post(MultipartForm form) throws IOException, InterruptedException {
            return post(form.path(), form.contentType(), form.body(), true);
        }

        @Override
        public String createIndexFrom(String json) throws IOException, InterruptedException {
            HttpResponse<String> created = post("/v1.3/indexes", "application/json", json.getBytes(), true);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return JsonPath.read(created.body(), "$._id");
        }

        /** {@code POST /v1.3/tasks} with the index and the file as {@code video_file}, as the SDKs send it. */
        public HttpResponse<String> upload(String index, Path video) throws IOException, InterruptedException {
            return post(MultipartForm.post("/v1.3/tasks").param("index_id", index).file(MultipartForm.videoFile(video)));
        }

        /** {@code POST /v1.3/assets} of the file with {@code method=direct}; waits until it is ready and returns its id. */
        public String readyAsset(Path file) throws IOException, InterruptedException {
            HttpResponse<String> created = post(MultipartForm.post("/v1.3/assets").param("method", "direct")
                    .file(MultipartForm.assetFile(file)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JsonPath.read(created.body(), "$._id");
            awaitAssetStatus(id, "ready");
            return id;
        }

        /** Uploads the video, waits until its task is ready and returns the video's id. */
        public String readyVideo(String index, Path video) throws IOException, InterruptedException {
            HttpResponse<String> created = upload(index, video);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            awaitTaskStatus(JsonPath.read(created.body(), "$._id"), "ready");
            return JsonPath.read(created.body(), "$.video_id");
        }

        @Override
        public String assetStatus(String assetId) throws IOException, InterruptedException {
            HttpResponse<String> asset = get("/v1.3/assets/" + assetId);
            assertThat(asset.statusCode()).as(asset.body()).isEqualTo(200);
            return JsonPath.read(asset.body(), "$.status");
        }

        @Override
        public String video(String indexId, String videoId) throws IOException, InterruptedException {
            HttpResponse<String> video = get("/v1.3/indexes/" + indexId + "/videos/" + videoId);
            assertThat(video.statusCode()).as(video.body()).isEqualTo(200);
            return video.body();
        }

        @Override
        public String taskStatus(String taskId) throws IOException, InterruptedException {
            HttpResponse<String> task = get("/v1.3/tasks/" + taskId);
            assertThat(task.statusCode()).as(task.body()).isEqualTo(200);
            return JsonPath.read(task.body(), "$.status");
        }
    }
}
