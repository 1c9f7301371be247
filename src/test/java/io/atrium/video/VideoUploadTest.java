package io.atrium.video;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.AtriumProperties;
import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MultipartForm;
import io.atrium.testsupport.TestVideos;

/** Uploading real videos through {@code POST /v1.3/tasks} and working with them (api.md, Tasks and Videos). */
@IntegrationTest
@TestPropertySource(properties = "atrium.videos.poll-interval=100ms")
class VideoUploadTest {

    private static final String INDEX = "{\"index_name\":\"%s\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\",\"audio\"]}]}";

    @TempDir
    static Path videos;
    static Path fiveSeconds;
    static Path twoSeconds;
    static Path tiny;
    static Path noise;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AtriumProperties properties;
    @Autowired
    io.atrium.shared.ServerSecret secret;

    @BeforeAll
    static void makeVideos() throws Exception {
        fiveSeconds = TestVideos.testPattern(videos, "match.mp4", 5, 640, 360, 25);
        twoSeconds = TestVideos.testPattern(videos, "short.mp4", 2, 640, 360, 25);
        tiny = TestVideos.testPattern(videos, "tiny.mp4", 5, 320, 240, 25);
        noise = TestVideos.broken(videos, "noise.mp4");
    }

    @Test
    void anUploadBecomesAReadyVideoWhoseMetadataIsReadFromTheFile() throws Exception {
        String key = newKey("uploader");
        String index = index(key, "Matches");

        String created = upload(key, index, fiveSeconds, "{\"category\":\"news\",\"minute\":12}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String taskId = JsonPath.read(created, "$._id");
        String videoId = JsonPath.read(created, "$.video_id");

        awaitStatus(key, taskId, "ready");
        api(get("/v1.3/tasks/" + taskId), key)
                .andExpect(jsonPath("$.video_id").value(videoId))
                .andExpect(jsonPath("$.index_id").value(index))
                .andExpect(jsonPath("$.system_metadata.filename").value("match.mp4"))
                .andExpect(jsonPath("$.system_metadata.duration", closeTo(5.0, 0.1)))
                .andExpect(jsonPath("$.system_metadata.width").value(640))
                .andExpect(jsonPath("$.system_metadata.height").value(360));
        api(get("/v1.3/indexes/" + index + "/videos/" + videoId), key).andExpect(status().isOk())
                .andExpect(jsonPath("$.system_metadata.fps", closeTo(25.0, 0.01)))
                .andExpect(jsonPath("$.system_metadata.size").value(Files.size(fiveSeconds)))
                .andExpect(jsonPath("$.user_metadata.category").value("news"))
                .andExpect(jsonPath("$.user_metadata.minute").value(12))
                .andExpect(jsonPath("$.indexed_at").isNotEmpty());
        api(get("/v1.3/indexes/" + index), key).andExpect(jsonPath("$.video_count").value(1))
                .andExpect(jsonPath("$.total_duration", closeTo(5.0, 0.1)));
        assertThat(storedFiles(index)).hasSize(1);
    }

    @Test
    void filesThatBreakTheRulesFailWithTheirCodeAndLeaveNothingBehind() throws Exception {
        String key = newKey("rules");
        String index = index(key, "Rules");

        String shortTask = JsonPath.read(upload(key, index, twoSeconds, null).andReturn().getResponse().getContentAsString(), "$._id");
        String tinyTask = JsonPath.read(upload(key, index, tiny, null).andReturn().getResponse().getContentAsString(), "$._id");
        String noiseTask = JsonPath.read(upload(key, index, noise, null).andReturn().getResponse().getContentAsString(), "$._id");

        awaitStatus(key, shortTask, "failed");
        awaitStatus(key, tinyTask, "failed");
        awaitStatus(key, noiseTask, "failed");
        api(get("/v1.3/tasks/" + shortTask), key).andExpect(jsonPath("$.error.code").value("video_duration_too_short"));
        api(get("/v1.3/tasks/" + tinyTask), key).andExpect(jsonPath("$.error.code").value("video_resolution_too_low"));
        api(get("/v1.3/tasks/" + noiseTask), key).andExpect(jsonPath("$.error.code").value("video_file_broken"));
        api(get("/v1.3/indexes/" + index + "/videos"), key).andExpect(jsonPath("$.data.length()").value(0));
        assertThat(storedFiles(index)).isEmpty();
        api(delete("/v1.3/tasks/" + noiseTask), key).andExpect(status().isNoContent());
        api(get("/v1.3/tasks/" + noiseTask), key).andExpect(status().isNotFound());
    }

    @Test
    void badUploadRequestsAreRefusedAndStoreNothing() throws Exception {
        String key = newKey("badupload");
        String index = index(key, "Careful");
        MockMultipartFile file = new MockMultipartFile("video_file", "match.mp4", "video/mp4", Files.readAllBytes(fiveSeconds));

        api(MultipartForm.post("/v1.3/tasks").file(file), key).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_not_provided"));
        api(MultipartForm.post("/v1.3/tasks").param("index_id", index), key).andExpect(status().isBadRequest());
        api(MultipartForm.post("/v1.3/tasks").file(file).param("index_id", index).param("video_url", "https://example.com/a.mp4"), key)
                .andExpect(status().isBadRequest());
        api(MultipartForm.post("/v1.3/tasks").file(file).param("index_id", "0123456789abcdef01234567"), key)
                .andExpect(status().isNotFound());
        api(MultipartForm.post("/v1.3/tasks").file(file).param("index_id", index).param("user_metadata", "{\"nested\":{\"a\":1}}"), key)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        api(MultipartForm.post("/v1.3/tasks").file(file).param("index_id", index).param("user_metadata", "not json"), key)
                .andExpect(status().isBadRequest());

        api(get("/v1.3/tasks").param("index_id", index), key).andExpect(jsonPath("$.data.length()").value(0));
        assertThat(storedFiles(index)).isEmpty();
    }

    @Test
    void aPlaylistOrAListNamingAnotherAccountsStoredVideoIsRefusedOrBrokenAndNeverBecomesAVideo() throws Exception {
        String victimKey = newKey("victim");
        String victimIndex = index(victimKey, "Private footage");
        readyVideo(victimKey, victimIndex, null);
        Path victimFile = storedFiles(victimIndex).stream().filter(file -> file.toString().endsWith(".mp4")).findFirst()
                .orElseThrow();
        String attackerKey = newKey("playlister");
        String attackerIndex = index(attackerKey, "Borrowed");
        String playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:5.0,\n" + victimFile + "\n#EXT-X-ENDLIST\n";
        String concat = "ffconcat version 1.0\nfile '" + victimFile + "'\n";

        for (String[] named : new String[][] {{"x.m3u8", playlist}, {"list.txt", concat}, {"list.ffconcat", concat}}) {
            api(MultipartForm.post("/v1.3/tasks").param("index_id", attackerIndex).file(new MockMultipartFile("video_file",
                    named[0], "video/mp4", named[1].getBytes(java.nio.charset.StandardCharsets.UTF_8))), attackerKey)
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("video_file_broken"));
        }
        java.util.List<String> tasks = new java.util.ArrayList<>();
        for (String[] named : new String[][] {{"playlist.mp4", playlist}, {"concat.mp4", concat}}) {
            tasks.add(JsonPath.read(api(MultipartForm.post("/v1.3/tasks").param("index_id", attackerIndex)
                    .file(new MockMultipartFile("video_file", named[0], "video/mp4",
                            named[1].getBytes(java.nio.charset.StandardCharsets.UTF_8))), attackerKey)
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$._id"));
        }
        for (String task : tasks) {
            awaitStatus(attackerKey, task, "failed");
            api(get("/v1.3/tasks/" + task), attackerKey).andExpect(jsonPath("$.error.code").value("video_file_broken"));
        }
        api(get("/v1.3/indexes/" + attackerIndex + "/videos"), attackerKey).andExpect(jsonPath("$.data.length()").value(0));
        assertThat(storedFiles(attackerIndex)).isEmpty();
    }

    @Test
    void userMetadataMergesNullRemovesAndSystemMetadataIsProtected() throws Exception {
        String key = newKey("metadata");
        String index = index(key, "Metadata");
        String videoId = readyVideo(key, index, "{\"a\":\"1\",\"keep\":true}");
        String path = "/v1.3/indexes/" + index + "/videos/" + videoId;

        api(patch(path).contentType(MediaType.APPLICATION_JSON).content("{\"user_metadata\":{\"a\":null,\"b\":2.5}}"), key)
                .andExpect(status().isNoContent());
        api(get(path), key).andExpect(jsonPath("$.user_metadata.a").doesNotExist())
                .andExpect(jsonPath("$.user_metadata.b").value(2.5))
                .andExpect(jsonPath("$.user_metadata.keep").value(true));
        api(put(path).contentType(MediaType.APPLICATION_JSON).content("{\"user_metadata\":{\"c\":\"older client\"}}"), key)
                .andExpect(status().isNoContent());
        api(patch(path).contentType(MediaType.APPLICATION_JSON).content("{\"system_metadata\":{\"duration\":1}}"), key)
                .andExpect(status().isBadRequest());
        api(patch(path).contentType(MediaType.APPLICATION_JSON).content("{\"user_metadata\":{\"list\":[1,2]}}"), key)
                .andExpect(status().isBadRequest());
        api(get(path), key).andExpect(jsonPath("$.user_metadata.c").value("older client"))
                .andExpect(jsonPath("$.system_metadata.width").value(640));
    }

    @Test
    void userMetadataOverItsLimitsIsRefusedOnEveryPathAndChangesNothing() throws Exception {
        String key = newKey("bigmeta");
        String index = index(key, "Big metadata");
        String videoId = readyVideo(key, index, "{\"kept\":\"yes\"}");
        String path = "/v1.3/indexes/" + index + "/videos/" + videoId;
        StringBuilder manyKeys = new StringBuilder("{");
        for (int i = 0; i <= 100; i++) {
            manyKeys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        String longValue = "v".repeat(2_001);
        String sizable = "w".repeat(1_500);
        String[] overLimit = {manyKeys.append("}").toString(), "{\"" + "k".repeat(101) + "\":1}",
                "{\"long\":\"" + longValue + "\"}", "{\"huge\":\"" + "x".repeat(64 * 1024) + "\"}"};

        for (String metadata : overLimit) {
            for (var method : java.util.List.<java.util.function.Function<String, MockHttpServletRequestBuilder>>of(
                    p -> patch(p), p -> put(p))) {
                api(method.apply(path).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"user_metadata\":" + metadata + "}"), key)
                        .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("user_metadata_too_large"));
            }
            upload(key, index, fiveSeconds, metadata).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("user_metadata_too_large"));
        }
        String eighteenMegabytes = "{\"user_metadata\":{\"huge\":\"" + "x".repeat(18 * 1024 * 1024) + "\"}}";
        api(patch(path).contentType(MediaType.APPLICATION_JSON).content(eighteenMegabytes), key)
                .andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.code").value("request_too_large"));
        for (int i = 0; i < 6; i++) {
            api(patch(path).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"user_metadata\":{\"part" + i + "\":\"" + sizable + "\"}}"), key)
                    .andExpect(status().isNoContent());
        }
        api(patch(path).contentType(MediaType.APPLICATION_JSON)
                .content("{\"user_metadata\":{\"part6\":\"" + sizable + "\"}}"), key)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("user_metadata_too_large"));

        api(get(path), key).andExpect(jsonPath("$.user_metadata.kept").value("yes"))
                .andExpect(jsonPath("$.user_metadata.part5").value(sizable))
                .andExpect(jsonPath("$.user_metadata.part6").doesNotExist())
                .andExpect(jsonPath("$.user_metadata.long").doesNotExist());
        api(get("/v1.3/tasks").param("index_id", index), key).andExpect(jsonPath("$.data.length()").value(1));
    }

    @Test
    void videosFilterOnSystemMetadataRangesAndUserMetadata() throws Exception {
        String key = newKey("filters");
        String index = index(key, "Filters");
        readyVideo(key, index, "{\"category\":\"news\"}");
        String list = "/v1.3/indexes/" + index + "/videos";

        api(get(list).param("duration[gte]", "4").param("duration[lte]", "6"), key).andExpect(jsonPath("$.data.length()").value(1));
        api(get(list).param("duration[gte]", "6"), key).andExpect(jsonPath("$.data.length()").value(0));
        api(get(list).param("width", "640").param("height", "360"), key).andExpect(jsonPath("$.data.length()").value(1));
        api(get(list).param("filename", "match.mp4"), key).andExpect(jsonPath("$.data.length()").value(1));
        api(get(list).param("category", "news"), key).andExpect(jsonPath("$.data.length()").value(1));
        api(get(list).param("category", "sport"), key).andExpect(jsonPath("$.data.length()").value(0));
        api(get(list).param("fps", "fast"), key).andExpect(status().isBadRequest());
        api(get(list), key).andExpect(jsonPath("$.data[0].system_metadata.filename").value("match.mp4"))
                .andExpect(jsonPath("$.data[0].user_metadata").doesNotExist());
        api(get("/v1.3/tasks").param("status", "ready").param("index_id", index), key).andExpect(jsonPath("$.data.length()").value(1));
        api(get("/v1.3/tasks").param("status", "failed").param("index_id", index), key).andExpect(jsonPath("$.data.length()").value(0));
    }

    @Test
    void deletingAVideoRemovesItsFileAndThenItsTaskMayBeDeleted() throws Exception {
        String key = newKey("videodelete");
        String index = index(key, "Deletions");
        String videoId = readyVideo(key, index, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();

        api(delete("/v1.3/tasks/" + taskId), key).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("task_cannot_be_deleted"));
        api(delete("/v1.3/indexes/" + index + "/videos/" + videoId), key).andExpect(status().isNoContent());

        assertThat(storedFiles(index)).isEmpty();
        api(get("/v1.3/indexes/" + index + "/videos/" + videoId), key).andExpect(status().isNotFound());
        api(delete("/v1.3/tasks/" + taskId), key).andExpect(status().isNoContent());
    }

    @Test
    void deletingAnIndexRemovesTheFilesOfItsVideos() throws Exception {
        String key = newKey("indexdelete");
        String index = index(key, "Doomed videos");
        readyVideo(key, index, null);
        assertThat(storedFiles(index)).hasSize(1);

        api(delete("/v1.3/indexes/" + index), key).andExpect(status().isNoContent());

        assertThat(storedFiles(index)).isEmpty();
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :i").param("i", index).query(Long.class).single()).isZero();
    }

    @Test
    void anotherAccountsTasksAndVideosAnswer404AndVideosAreOnlyFoundThroughTheirIndex() throws Exception {
        String key = newKey("videoowner");
        String index = index(key, "Owned");
        String otherIndex = index(key, "Other");
        String videoId = readyVideo(key, index, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();
        String stranger = newKey("videostranger");
        String strangerIndex = index(stranger, "Stranger's");
        String path = "/v1.3/indexes/" + index + "/videos/" + videoId;

        api(get("/v1.3/tasks/" + taskId), stranger).andExpect(status().isNotFound());
        api(delete("/v1.3/tasks/" + taskId), stranger).andExpect(status().isNotFound());
        api(get(path), stranger).andExpect(status().isNotFound());
        api(patch(path).contentType(MediaType.APPLICATION_JSON).content("{\"user_metadata\":{\"x\":\"y\"}}"), stranger)
                .andExpect(status().isNotFound());
        api(delete(path), stranger).andExpect(status().isNotFound());
        api(get("/v1.3/indexes/" + index + "/videos"), stranger).andExpect(status().isNotFound());
        api(get("/v1.3/indexes/" + strangerIndex + "/videos/" + videoId), stranger).andExpect(status().isNotFound());
        api(get("/v1.3/tasks"), stranger).andExpect(jsonPath("$.data.length()").value(0));
        api(MultipartForm.post("/v1.3/tasks").file(new MockMultipartFile("video_file", "x.mp4", "video/mp4", Files.readAllBytes(fiveSeconds)))
                .param("index_id", index), stranger).andExpect(status().isNotFound());
        api(get("/v1.3/indexes/" + otherIndex + "/videos/" + videoId), key).andExpect(status().isNotFound());
        api(get(path), key).andExpect(status().isOk());
    }

    @Test
    void aTaskLeftBehindByACrashedNodeIsFinishedOnceAndIntoOneVideo() throws Exception {
        String key = newKey("crash");
        String index = index(key, "Crash");
        String videoId = readyVideo(key, index, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();
        // As if a node had added the video and died before marking the task ready: its lease has run out.
        jdbc.sql("update video_tasks set status = 'indexing', claimed_until = current_timestamp - interval '1' minute where id = :id")
                .param("id", taskId).update();

        awaitStatus(key, taskId, "ready");

        assertThat(jdbc.sql("select count(*) from videos where id = :v").param("v", videoId).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select attempts from video_tasks where id = :id").param("id", taskId).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aTaskHeldByALiveNodeIsLeftAlone() throws Exception {
        String key = newKey("held");
        String index = index(key, "Held");
        String videoId = readyVideo(key, index, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();
        jdbc.sql("update video_tasks set status = 'queued', claimed_until = current_timestamp + interval '10' minute where id = :id")
                .param("id", taskId).update();

        Thread.sleep(600);

        api(get("/v1.3/tasks/" + taskId), key).andExpect(jsonPath("$.status").value("queued"));
    }

    @Test
    void theSignedVideoLinkStreamsTheFileWithRangesAndRefusesTamperingOrExpiry() throws Exception {
        String key = newKey("streamer");
        String index = index(key, "Streaming");
        String videoId = readyVideo(key, index, null);
        String body = api(get("/v1.3/indexes/" + index + "/videos/" + videoId), key)
                .andExpect(jsonPath("$.hls.status").value("COMPLETE"))
                .andExpect(jsonPath("$.hls.thumbnail_urls.length()").value(0))
                .andReturn().getResponse().getContentAsString();
        String link = localPart(JsonPath.read(body, "$.hls.video_url"));

        byte[] whole = mvc.perform(get(link)).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentType("video/mp4"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(whole).isEqualTo(Files.readAllBytes(fiveSeconds));
        byte[] part = mvc.perform(get(link).header("Range", "bytes=100-199")).andExpect(status().isPartialContent())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(whole, 100, 200));

        mvc.perform(get(link)).andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", "sandbox; default-src 'none'"))
                .andExpect(header().string("Content-Disposition", "inline; filename=\"" + fiveSeconds.getFileName() + "\""));
        // one character of the signature changed (to another one: a link whose signature starts with A stays as it is)
        String tampered = link.replaceAll("signature=A", "signature=B").equals(link)
                ? link.replaceAll("signature=.", "signature=A") : link.replaceAll("signature=A", "signature=B");
        mvc.perform(get(tampered)).andExpect(status().isNotFound());
        mvc.perform(get(link.replace("/video?", "/thumbnail?"))).andExpect(status().isNotFound());
        long past = java.time.Instant.now().minusSeconds(1).getEpochSecond();
        String account = link.split("/")[2];
        String expired = "/media/" + account + "/" + videoId + "/video?expires=" + past + "&signature="
                + secret.sign("media-url", account + "/" + videoId + "/video/" + past);
        mvc.perform(get(expired)).andExpect(status().isNotFound());

        api(delete("/v1.3/indexes/" + index + "/videos/" + videoId), key).andExpect(status().isNoContent());
        mvc.perform(get(link)).andExpect(status().isNotFound());
    }

    @Test
    void anIndexWithTheThumbnailAddonGetsAThumbnailAndStreamingCanBeTurnedOff() throws Exception {
        String key = newKey("thumbs");
        String body = api(post("/v1.3/indexes").contentType(MediaType.APPLICATION_JSON).content(
                "{\"index_name\":\"Thumbs\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}],\"addons\":[\"thumbnail\"]}"), key)
                .andReturn().getResponse().getContentAsString();
        String index = JsonPath.read(body, "$._id");
        String videoId = readyVideo(key, index, null);

        String video = api(get("/v1.3/indexes/" + index + "/videos/" + videoId), key)
                .andExpect(jsonPath("$.hls.thumbnail_urls.length()").value(1))
                .andReturn().getResponse().getContentAsString();
        byte[] jpeg = mvc.perform(get(localPart(JsonPath.read(video, "$.hls.thumbnail_urls[0]"))))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentType("image/jpeg"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(jpeg).startsWith(0xFF, 0xD8);

        MockMultipartFile part = new MockMultipartFile("video_file", "quiet.mp4", "video/mp4", Files.readAllBytes(fiveSeconds));
        String created = api(MultipartForm.post("/v1.3/tasks").file(part).param("index_id", index).param("enable_video_stream", "false"), key)
                .andReturn().getResponse().getContentAsString();
        awaitStatus(key, JsonPath.read(created, "$._id"), "ready");
        api(get("/v1.3/indexes/" + index + "/videos/" + JsonPath.read(created, "$.video_id")), key)
                .andExpect(jsonPath("$.hls").doesNotExist());
    }

    @Test
    void aReadyTaskShowsWhereItsVideoPlaysAndListsTakeTheFiltersTwelveLabsClientsSend() throws Exception {
        String key = newKey("sdkfilters");
        String index = index(key, "Client filters");
        String videoId = readyVideo(key, index, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();
        String videos = "/v1.3/indexes/" + index + "/videos";
        String createdAt = JsonPath.read(api(get(videos + "/" + videoId), key).andReturn().getResponse().getContentAsString(),
                "$.created_at");
        String day = createdAt.substring(0, 10);

        api(get("/v1.3/tasks/" + taskId), key).andExpect(jsonPath("$.hls.status").value("COMPLETE"))
                .andExpect(jsonPath("$.hls.video_url").isNotEmpty());
        api(get("/v1.3/tasks").param("index_id", index).param("width", "640").param("height", "360").param("duration", "5"), key)
                .andExpect(jsonPath("$.data.length()").value(1));
        api(get("/v1.3/tasks").param("index_id", index).param("width", "1280"), key).andExpect(jsonPath("$.data.length()").value(0));
        api(get(videos).param("created_at", day + "T00:00:00Z"), key).andExpect(jsonPath("$.data.length()").value(1));
        api(get(videos).param("updated_at", day), key).andExpect(jsonPath("$.data.length()").value(1));
        api(get(videos).param("created_at", "2001-01-01T00:00:00Z"), key).andExpect(jsonPath("$.data.length()").value(0));
        api(get(videos).param("created_at", "yesterday"), key).andExpect(status().isBadRequest());

        api(delete(videos + "/" + videoId), key).andExpect(status().isNoContent());
        api(get("/v1.3/tasks/" + taskId), key).andExpect(jsonPath("$.status").value("ready"))
                .andExpect(jsonPath("$.hls").doesNotExist());
    }

    /** The path and query of an absolute link, for MockMvc. */
    private static String localPart(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private String readyVideo(String key, String index, String metadata) throws Exception {
        String created = upload(key, index, fiveSeconds, metadata).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        awaitStatus(key, JsonPath.read(created, "$._id"), "ready");
        return JsonPath.read(created, "$.video_id");
    }

    private ResultActions upload(String key, String index, Path file, String metadata) throws Exception {
        MockMultipartFile part = new MockMultipartFile("video_file", file.getFileName().toString(), "video/mp4",
                Files.readAllBytes(file));
        var request = MultipartForm.post("/v1.3/tasks").file(part).param("index_id", index);
        if (metadata != null) {
            request.param("user_metadata", metadata);
        }
        return api(request, key);
    }

    private void awaitStatus(String key, String taskId, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                api(get("/v1.3/tasks/" + taskId), key).andExpect(jsonPath("$.status").value(expected)));
    }

    private String index(String key, String name) throws Exception {
        String body = api(post("/v1.3/indexes").contentType(MediaType.APPLICATION_JSON).content(INDEX.formatted(name)), key)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$._id");
    }

    private String newKey(String who) throws Exception {
        return ApiKeys.create(mvc, signUp(mvc, "Video " + who, uniqueEmail(who)), "videos");
    }

    /** The stored files of an index's account, found on disk. */
    private java.util.List<Path> storedFiles(String index) throws Exception {
        String account = jdbc.sql("select account_id from indexes where id = :i").param("i", index).query(String.class)
                .optional().orElse(null);
        Path objects = properties.dataDir().resolve("objects");
        if (account == null || !Files.isDirectory(objects)) {
            return java.util.List.of();
        }
        Path directory = objects.resolve(account);
        if (!Files.isDirectory(directory)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private ResultActions api(MultipartForm form, String key) throws Exception {
        return api(form.request(), key);
    }

    private ResultActions api(AbstractMockHttpServletRequestBuilder<?> request, String key) throws Exception {
        return mvc.perform(request.header("x-api-key", key));
    }
}
