package io.atrium.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.AtriumProperties;
import io.atrium.testsupport.HttpApiClient;
import io.atrium.testsupport.MultipartForm;
import io.atrium.testsupport.ServerTest;
import io.atrium.testsupport.TestVideos;

/**
 * {@code POST /v1.3/tasks} through a real servlet container, which is where the body is read as it arrives: the
 * size limit (announced and not), the form's fields in any order around the file, and refusals that store nothing.
 */
@ServerTest
@TestPropertySource(properties = "atrium.videos.max-file-size=3MB")
class StreamedUploadTest {

    static final Path clip = TestVideos.shared("harbour.mp4", 5);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AtriumProperties properties;

    HttpApiClient api;

    @BeforeEach
    void client() {
        api = HttpApiClient.on(port);
    }

    @Test
    void fieldsAfterTheFileAreReadAndTheTaskBecomesAVideo() throws Exception {
        String key = api.newKey("order");
        String index = api.as(key).createIndex("Order");
        MultipartForm form = MultipartForm.post("/v1.3/tasks").file(MultipartForm.videoFile(clip))
                .param("user_metadata", "{\"camera\":\"north\"}").param("index_id", index)
                .param("enable_video_stream", "false");

        HttpResponse<String> created = api.as(key).post(form);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String task = JsonPath.read(created.body(), "$._id");
        api.as(key).awaitTaskStatus(task, "ready");
        String video = api.as(key).get("/v1.3/indexes/" + index + "/videos/" + JsonPath.read(created.body(), "$.video_id")).body();
        assertThat(JsonPath.<String>read(video, "$.user_metadata.camera")).isEqualTo("north");
        assertThat(JsonPath.<String>read(video, "$.system_metadata.filename")).isEqualTo("harbour.mp4");
        assertThat(JsonPath.<Integer>read(video, "$.system_metadata.width")).isEqualTo(640);
        assertThat((Object) JsonPath.read(video, "$.hls")).isNull();
    }

    @Test
    void aBodyWithoutContentLengthIsReadAsItArrives() throws Exception {
        String key = api.newKey("chunked");
        String index = api.as(key).createIndex("Chunked");
        MultipartForm form = MultipartForm.post("/v1.3/tasks").param("index_id", index).file(MultipartForm.videoFile(clip));

        HttpResponse<String> created = api.as(key).post("/v1.3/tasks", form.contentType(), form.body(), false);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(storedFiles(key)).hasSize(1);
        assertThat(Files.size(storedFiles(key).get(0))).isEqualTo(Files.size(clip));
    }

    /** Announced, it is refused before it is read; chunked, once it passes the limit. */
    @ParameterizedTest(name = "length announced: {0}")
    @ValueSource(booleans = {true, false})
    void aBodyOverTheLimitIsRefusedWith413AndStoresNothing(boolean announced) throws Exception {
        String key = api.newKey("big");
        String index = api.as(key).createIndex("Big");
        MultipartForm form = MultipartForm.post("/v1.3/tasks").param("index_id", index)
                .file(MultipartForm.videoFile("big.mp4", new byte[5 * 1024 * 1024]));

        HttpResponse<String> response = api.as(key).post("/v1.3/tasks", form.contentType(), form.body(), announced);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"video_filesize_too_large\"");
        assertNothingStored(key, index);
    }

    @Test
    void aBlankVideoUrlBeforeTheFileIsNoSecondSource() throws Exception {
        String key = api.newKey("blankurl");
        String index = api.as(key).createIndex("Blank URL");
        MultipartForm form = MultipartForm.post("/v1.3/tasks").param("index_id", index).param("video_url", "")
                .file(MultipartForm.videoFile(clip));

        assertThat(api.as(key).post(form).statusCode()).isEqualTo(201);
    }

    @Test
    void aChunkedBodyWhosePartsAreSkippedIsStillLimited() throws Exception {
        String key = api.newKey("junk");
        String index = api.as(key).createIndex("Junk");
        MultipartForm form = MultipartForm.post("/v1.3/tasks").param("index_id", index)
                .file(new MockMultipartFile("junk", "junk.bin", "application/octet-stream", new byte[5 * 1024 * 1024]))
                .file(MultipartForm.videoFile(clip));

        HttpResponse<String> response = api.as(key).post("/v1.3/tasks", form.contentType(), form.body(), false);

        assertThat(response.statusCode()).isEqualTo(413);
        assertNothingStored(key, index);
    }

    @Test
    void aBrokenPartHeaderIsABadRequestNotAServerError() throws Exception {
        String key = api.newKey("header");
        String boundary = "atrium-test-7d4f0c2b9e";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"video_file\"; filename=\"\r\n\r\nabc\r\n--"
                + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> response = api.as(key).post("/v1.3/tasks", "multipart/form-data; boundary=" + boundary, body, true);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"parameter_invalid\"");
    }

    @Test
    void anotherAccountsIndexAnswers404WhetherItIsNamedBeforeOrAfterTheFile() throws Exception {
        String owner = api.newKey("owner");
        String index = api.as(owner).createIndex("Private");
        String stranger = api.newKey("stranger");

        MultipartForm before = MultipartForm.post("/v1.3/tasks").param("index_id", index).file(MultipartForm.videoFile(clip));
        MultipartForm after = MultipartForm.post("/v1.3/tasks").file(MultipartForm.videoFile(clip)).param("index_id", index);

        assertThat(api.as(stranger).post(before).statusCode()).isEqualTo(404);
        assertThat(api.as(stranger).post(after).statusCode()).isEqualTo(404);
        assertThat(storedFiles(stranger)).isEmpty();
        assertNothingStored(owner, index);
    }

    @Test
    void refusedFormsStoreNothing() throws Exception {
        String key = api.newKey("refused");
        String index = api.as(key).createIndex("Refused");

        MultipartForm badMetadata = MultipartForm.post("/v1.3/tasks").file(MultipartForm.videoFile(clip)).param("index_id", index)
                .param("user_metadata", "{\"nested\":{\"a\":1}}");
        HttpResponse<String> refused = api.as(key).post(badMetadata);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"code\":\"parameter_invalid\"");

        MultipartForm both = MultipartForm.post("/v1.3/tasks").file(MultipartForm.videoFile(clip)).param("index_id", index)
                .param("video_url", "https://example.com/a.mp4");
        assertThat(api.as(key).post(both).statusCode()).isEqualTo(400);

        MultipartForm noIndex = MultipartForm.post("/v1.3/tasks").file(MultipartForm.videoFile(clip));
        HttpResponse<String> missing = api.as(key).post(noIndex);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"code\":\"parameter_not_provided\"");

        MultipartForm badFlag = MultipartForm.post("/v1.3/tasks").file(MultipartForm.videoFile(clip)).param("index_id", index)
                .param("enable_video_stream", "perhaps");
        assertThat(api.as(key).post(badFlag).statusCode()).isEqualTo(400);
        MultipartForm badMetadataFirst = MultipartForm.post("/v1.3/tasks").param("index_id", index)
                .param("user_metadata", "[1, 2]").file(MultipartForm.videoFile(clip));
        assertThat(api.as(key).post(badMetadataFirst).statusCode()).isEqualTo(400);

        byte[] whole = MultipartForm.post("/v1.3/tasks").param("index_id", index).file(MultipartForm.videoFile(clip)).body();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        HttpResponse<String> malformed = api.as(key).post("/v1.3/tasks", noIndex.contentType(), cut, true);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("The multipart body cannot be read");

        HttpResponse<String> noBoundary = api.as(key).post("/v1.3/tasks", "multipart/form-data", whole, true);
        assertThat(noBoundary.statusCode()).isEqualTo(400);

        assertNothingStored(key, index);
    }

    private void assertNothingStored(String key, String index) throws Exception {
        assertThat(storedFiles(key)).isEmpty();
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :i").param("i", index).query(Long.class).single())
                .isZero();
    }

    /** The files stored for the account that owns the key (its personal account), partial ones included. */
    private List<Path> storedFiles(String key) throws Exception {
        String account = JsonPath.read(api.as(key).get("/api/v1/account").body(), "$._id");
        Path directory = properties.dataDir().resolve("objects").resolve(account);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> stored = Files.list(directory)) {
            return stored.toList();
        }
    }
}
