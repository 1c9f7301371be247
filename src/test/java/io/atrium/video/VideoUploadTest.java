package io.atrium.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
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
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.AtriumProperties;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Jobs;
import io.atrium.testsupport.MultipartForm;
import io.atrium.testsupport.TestVideos;

/** Uploading real videos through {@code POST /v1.3/tasks} and working with them (api.md, Tasks and Videos). */
@IntegrationTest
class VideoUploadTest extends ApplicationTest {

    static final Path fiveSeconds = TestVideos.shared("match.mp4", 5);

    @Autowired
    AtriumProperties properties;
    @Autowired
    io.atrium.shared.ServerSecret secret;

    @Test
    void anUploadBecomesAReadyVideoWhoseMetadataIsReadFromTheFile() throws Exception {
        String key = api.newKey("uploader");
        String index = api.as(key).createIndex("Matches");

        String created = api.as(key).upload(index, fiveSeconds, "{\"category\":\"news\",\"minute\":12}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String taskId = JsonPath.read(created, "$._id");
        String videoId = JsonPath.read(created, "$.video_id");

        api.as(key).awaitTaskStatus(taskId, "ready");
        api.as(key).get("/v1.3/tasks/" + taskId)
                .andExpect(jsonPath("$.video_id").value(videoId))
                .andExpect(jsonPath("$.index_id").value(index))
                .andExpect(jsonPath("$.system_metadata.filename").value("match.mp4"))
                .andExpect(jsonPath("$.system_metadata.duration", closeTo(5.0, 0.1)))
                .andExpect(jsonPath("$.system_metadata.width").value(640))
                .andExpect(jsonPath("$.system_metadata.height").value(360));
        api.as(key).get("/v1.3/indexes/" + index + "/videos/" + videoId).andExpect(status().isOk())
                .andExpect(jsonPath("$.system_metadata.fps", closeTo(25.0, 0.01)))
                .andExpect(jsonPath("$.system_metadata.size").value(Files.size(fiveSeconds)))
                .andExpect(jsonPath("$.user_metadata.category").value("news"))
                .andExpect(jsonPath("$.user_metadata.minute").value(12))
                .andExpect(jsonPath("$.indexed_at").isNotEmpty());
        api.as(key).get("/v1.3/indexes/" + index).andExpect(jsonPath("$.video_count").value(1))
                .andExpect(jsonPath("$.total_duration", closeTo(5.0, 0.1)));
        assertThat(storedFiles(index)).hasSize(1);
    }

    static Stream<Arguments> filesThatBreakARule() {
        return Stream.of(Arguments.of(TestVideos.tooShort(), "video_duration_too_short"),
                Arguments.of(TestVideos.tooLowResolution(), "video_resolution_too_low"),
                Arguments.of(TestVideos.noise(), "video_file_broken"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("filesThatBreakARule")
    void aFileThatBreaksARuleFailsWithItsCodeLeavesNothingBehindAndItsTaskCanBeDeleted(Path file, String code)
            throws Exception {
        String key = api.newKey("rules");
        String index = api.as(key).createIndex("Rules");

        String task = JsonPath.read(api.as(key).upload(index, file, null).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$._id");

        api.as(key).awaitTaskStatus(task, "failed");
        api.as(key).get("/v1.3/tasks/" + task).andExpect(jsonPath("$.error.code").value(code));
        api.as(key).get("/v1.3/indexes/" + index + "/videos").andExpect(jsonPath("$.data.length()").value(0));
        assertThat(storedFiles(index)).isEmpty();
        api.as(key).delete("/v1.3/tasks/" + task).andExpect(status().isOk());
        api.as(key).get("/v1.3/tasks/" + task).andExpect(status().isNotFound());
    }

    @Test
    void badUploadRequestsAreRefusedAndStoreNothing() throws Exception {
        String key = api.newKey("badupload");
        String index = api.as(key).createIndex("Careful");
        MockMultipartFile file = MultipartForm.videoFile(fiveSeconds);

        api.as(key).perform(MultipartForm.post("/v1.3/tasks").file(file)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_not_provided"));
        api.as(key).perform(MultipartForm.post("/v1.3/tasks").param("index_id", index)).andExpect(status().isBadRequest());
        api.as(key).perform(MultipartForm.post("/v1.3/tasks").file(file).param("index_id", index).param("video_url", "https://example.com/a.mp4"))
                .andExpect(status().isBadRequest());
        api.as(key).perform(MultipartForm.post("/v1.3/tasks").file(file).param("index_id", "0123456789abcdef01234567"))
                .andExpect(status().isNotFound());
        api.as(key).perform(MultipartForm.post("/v1.3/tasks").file(file).param("index_id", index).param("user_metadata", "{\"nested\":{\"a\":1}}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).perform(MultipartForm.post("/v1.3/tasks").file(file).param("index_id", index).param("user_metadata", "not json"))
                .andExpect(status().isBadRequest());

        api.as(key).perform(get("/v1.3/tasks").param("index_id", index)).andExpect(jsonPath("$.data.length()").value(0));
        assertThat(storedFiles(index)).isEmpty();
    }

    @Test
    void aPlaylistOrAListNamingAnotherAccountsStoredVideoIsRefusedOrBrokenAndNeverBecomesAVideo() throws Exception {
        String victimKey = api.newKey("victim");
        String victimIndex = api.as(victimKey).createIndex("Private footage");
        api.as(victimKey).readyVideo(victimIndex, fiveSeconds, null);
        Path victimFile = storedFiles(victimIndex).stream().filter(file -> file.toString().endsWith(".mp4")).findFirst()
                .orElseThrow();
        String attackerKey = api.newKey("playlister");
        String attackerIndex = api.as(attackerKey).createIndex("Borrowed");
        String playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:5.0,\n" + victimFile + "\n#EXT-X-ENDLIST\n";
        String concat = "ffconcat version 1.0\nfile '" + victimFile + "'\n";

        for (String[] named : new String[][] {{"x.m3u8", playlist}, {"list.txt", concat}, {"list.ffconcat", concat}}) {
            api.as(attackerKey).perform(MultipartForm.post("/v1.3/tasks").param("index_id", attackerIndex).file(new MockMultipartFile("video_file",
                    named[0], "video/mp4", named[1].getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("video_file_broken"));
        }
        java.util.List<String> tasks = new java.util.ArrayList<>();
        for (String[] named : new String[][] {{"playlist.mp4", playlist}, {"concat.mp4", concat}}) {
            tasks.add(JsonPath.read(api.as(attackerKey).perform(MultipartForm.post("/v1.3/tasks").param("index_id", attackerIndex)
                    .file(new MockMultipartFile("video_file", named[0], "video/mp4",
                            named[1].getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                    .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$._id"));
        }
        for (String task : tasks) {
            api.as(attackerKey).awaitTaskStatus(task, "failed");
            api.as(attackerKey).get("/v1.3/tasks/" + task).andExpect(jsonPath("$.error.code").value("video_file_broken"));
        }
        api.as(attackerKey).get("/v1.3/indexes/" + attackerIndex + "/videos").andExpect(jsonPath("$.data.length()").value(0));
        assertThat(storedFiles(attackerIndex)).isEmpty();
    }

    @Test
    void userMetadataMergesNullRemovesAndSystemMetadataIsProtected() throws Exception {
        Video video = readyVideo("metadata", "{\"a\":\"1\",\"keep\":true}");

        api.as(video.key()).patch(video.path(), "{\"user_metadata\":{\"a\":null,\"b\":2.5}}")
                .andExpect(status().isOk());
        api.as(video.key()).get(video.path()).andExpect(jsonPath("$.user_metadata.a").doesNotExist())
                .andExpect(jsonPath("$.user_metadata.b").value(2.5))
                .andExpect(jsonPath("$.user_metadata.keep").value(true));
        api.as(video.key()).put(video.path(), "{\"user_metadata\":{\"c\":\"older client\"}}")
                .andExpect(status().isOk());
        api.as(video.key()).patch(video.path(), "{\"system_metadata\":{\"duration\":1}}")
                .andExpect(status().isBadRequest());
        api.as(video.key()).patch(video.path(), "{\"user_metadata\":{\"list\":[1,2]}}")
                .andExpect(status().isBadRequest());
        api.as(video.key()).get(video.path()).andExpect(jsonPath("$.user_metadata.c").value("older client"))
                .andExpect(jsonPath("$.system_metadata.width").value(640));
    }

    static Stream<Arguments> userMetadataOverALimit() {
        String manyKeys = IntStream.rangeClosed(0, 100).mapToObj(i -> "\"k" + i + "\":1")
                .collect(Collectors.joining(",", "{", "}"));
        return Stream.of(Arguments.of("101 keys", manyKeys),
                Arguments.of("a key of 101 characters", "{\"" + "k".repeat(101) + "\":1}"),
                Arguments.of("a value of 2,001 characters", "{\"long\":\"" + "v".repeat(2_001) + "\"}"),
                Arguments.of("64 KiB in all", "{\"huge\":\"" + "x".repeat(64 * 1024) + "\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userMetadataOverALimit")
    void userMetadataOverALimitIsRefusedByPatchPutAndUploadAndChangesNothing(String what, String metadata)
            throws Exception {
        Video video = readyVideo("bigmeta", "{\"kept\":\"yes\"}");
        String body = "{\"user_metadata\":" + metadata + "}";

        api.as(video.key()).patch(video.path(), body).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("user_metadata_too_large"));
        api.as(video.key()).put(video.path(), body).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("user_metadata_too_large"));
        api.as(video.key()).upload(video.index(), fiveSeconds, metadata).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("user_metadata_too_large"));

        api.as(video.key()).get(video.path()).andExpect(jsonPath("$.user_metadata", equalTo(Map.of("kept", "yes"))));
        api.as(video.key()).perform(get("/v1.3/tasks").param("index_id", video.index()))
                .andExpect(jsonPath("$.data.length()").value(1));
    }

    @Test
    void userMetadataPatchedInPiecesIsRefusedAtThePieceThatTakesItOverItsTotalSize() throws Exception {
        Video video = readyVideo("pieces", "{\"kept\":\"yes\"}");
        String sizable = "w".repeat(1_500);

        for (int i = 0; i < 6; i++) {
            api.as(video.key()).patch(video.path(), "{\"user_metadata\":{\"part" + i + "\":\"" + sizable + "\"}}")
                    .andExpect(status().isOk());
        }
        api.as(video.key()).patch(video.path(), "{\"user_metadata\":{\"part6\":\"" + sizable + "\"}}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("user_metadata_too_large"));

        api.as(video.key()).get(video.path()).andExpect(jsonPath("$.user_metadata.kept").value("yes"))
                .andExpect(jsonPath("$.user_metadata.part5").value(sizable))
                .andExpect(jsonPath("$.user_metadata.part6").doesNotExist());
    }

    @Test
    void aMetadataUpdateOverTheRequestSizeLimitIsRefusedWith413() throws Exception {
        Video video = readyVideo("hugebody", "{\"kept\":\"yes\"}");
        String eighteenMegabytes = "{\"user_metadata\":{\"huge\":\"" + "x".repeat(18 * 1024 * 1024) + "\"}}";

        api.as(video.key()).patch(video.path(), eighteenMegabytes)
                .andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.code").value("request_too_large"));

        api.as(video.key()).get(video.path()).andExpect(jsonPath("$.user_metadata", equalTo(Map.of("kept", "yes"))));
    }

    @Test
    void videosFilterOnSystemMetadataRangesAndUserMetadata() throws Exception {
        String key = api.newKey("filters");
        String index = api.as(key).createIndex("Filters");
        api.as(key).readyVideo(index, fiveSeconds, "{\"category\":\"news\",\"price\":5.0,\"code\":\"7.50\"}");
        String list = "/v1.3/indexes/" + index + "/videos";

        api.as(key).perform(get(list).param("duration[gte]", "4").param("duration[lte]", "6")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(list).param("duration[gte]", "6")).andExpect(jsonPath("$.data.length()").value(0));
        api.as(key).perform(get(list).param("width", "640").param("height", "360")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(list).param("filename", "match.mp4")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(list).param("category", "news")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(list).param("category", "sport")).andExpect(jsonPath("$.data.length()").value(0));
        // numbers compare as numbers however they are written; a string that looks like one is matched as written
        api.as(key).perform(get(list).param("price", "5")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(list).param("price", "5.00")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(list).param("price", "6")).andExpect(jsonPath("$.data.length()").value(0));
        api.as(key).perform(get(list).param("code", "7.50")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(list).param("code", "7.5")).andExpect(jsonPath("$.data.length()").value(0));
        api.as(key).perform(get(list).param("fps", "fast")).andExpect(status().isBadRequest());
        api.as(key).get(list).andExpect(jsonPath("$.data[0].system_metadata.filename").value("match.mp4"))
                .andExpect(jsonPath("$.data[0].user_metadata").doesNotExist());
        api.as(key).perform(get("/v1.3/tasks").param("status", "ready").param("index_id", index)).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get("/v1.3/tasks").param("status", "failed").param("index_id", index)).andExpect(jsonPath("$.data.length()").value(0));
    }

    @Test
    void deletingAVideoRemovesItsFileAndThenItsTaskMayBeDeleted() throws Exception {
        String key = api.newKey("videodelete");
        String index = api.as(key).createIndex("Deletions");
        String videoId = api.as(key).readyVideo(index, fiveSeconds, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();

        api.as(key).delete("/v1.3/tasks/" + taskId).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("task_cannot_be_deleted"));
        api.as(key).delete("/v1.3/indexes/" + index + "/videos/" + videoId).andExpect(status().isOk());

        assertThat(storedFiles(index)).isEmpty();
        api.as(key).get("/v1.3/indexes/" + index + "/videos/" + videoId).andExpect(status().isNotFound());
        api.as(key).delete("/v1.3/tasks/" + taskId).andExpect(status().isOk());
    }

    @Test
    void deletingAnIndexRemovesTheFilesOfItsVideos() throws Exception {
        String key = api.newKey("indexdelete");
        String index = api.as(key).createIndex("Doomed videos");
        api.as(key).readyVideo(index, fiveSeconds, null);
        assertThat(storedFiles(index)).hasSize(1);

        api.as(key).delete("/v1.3/indexes/" + index).andExpect(status().isOk());

        assertThat(storedFiles(index)).isEmpty();
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :i").param("i", index).query(Long.class).single()).isZero();
    }

    @Test
    void anotherAccountsTasksAndVideosAnswer404AndVideosAreOnlyFoundThroughTheirIndex() throws Exception {
        String key = api.newKey("videoowner");
        String index = api.as(key).createIndex("Owned");
        String otherIndex = api.as(key).createIndex("Other");
        String videoId = api.as(key).readyVideo(index, fiveSeconds, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();
        String stranger = api.newKey("videostranger");
        String strangerIndex = api.as(stranger).createIndex("Stranger's");
        String path = "/v1.3/indexes/" + index + "/videos/" + videoId;

        api.as(stranger).get("/v1.3/tasks/" + taskId).andExpect(status().isNotFound());
        api.as(stranger).delete("/v1.3/tasks/" + taskId).andExpect(status().isNotFound());
        api.as(stranger).get(path).andExpect(status().isNotFound());
        api.as(stranger).patch(path, "{\"user_metadata\":{\"x\":\"y\"}}")
                .andExpect(status().isNotFound());
        api.as(stranger).delete(path).andExpect(status().isNotFound());
        api.as(stranger).get("/v1.3/indexes/" + index + "/videos").andExpect(status().isNotFound());
        api.as(stranger).get("/v1.3/indexes/" + strangerIndex + "/videos/" + videoId).andExpect(status().isNotFound());
        api.as(stranger).get("/v1.3/tasks").andExpect(jsonPath("$.data.length()").value(0));
        api.as(stranger).perform(MultipartForm.post("/v1.3/tasks").file(new MockMultipartFile("video_file", "x.mp4", "video/mp4", Files.readAllBytes(fiveSeconds)))
                .param("index_id", index)).andExpect(status().isNotFound());
        api.as(key).get("/v1.3/indexes/" + otherIndex + "/videos/" + videoId).andExpect(status().isNotFound());
        api.as(key).get(path).andExpect(status().isOk());
    }

    @Test
    void aTaskLeftBehindByACrashedNodeIsFinishedOnceAndIntoOneVideo() throws Exception {
        String key = api.newKey("crash");
        String index = api.as(key).createIndex("Crash");
        String videoId = api.as(key).readyVideo(index, fiveSeconds, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();
        // As if a node had added the video and died before marking the task ready: it holds the job, silently.
        jdbc.sql("update video_tasks set status = 'indexing' where id = :id").param("id", taskId).update();
        Jobs.pickedByADeadNode(jdbc, "video-task", taskId);

        api.as(key).awaitTaskStatus(taskId, "ready");

        assertThat(jdbc.sql("select count(*) from videos where id = :v").param("v", videoId).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select attempts from video_tasks where id = :id").param("id", taskId).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aTaskHeldByALiveNodeIsLeftAlone() throws Exception {
        String key = api.newKey("held");
        String index = api.as(key).createIndex("Held");
        String videoId = api.as(key).readyVideo(index, fiveSeconds, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();
        jdbc.sql("update video_tasks set status = 'queued' where id = :id").param("id", taskId).update();
        Jobs.pickedByALiveNode(jdbc, "video-task", taskId);

        Thread.sleep(600);

        api.as(key).get("/v1.3/tasks/" + taskId).andExpect(jsonPath("$.status").value("queued"));
    }

    @Test
    void theSignedVideoLinkStreamsTheFileWithRangesAndRefusesTamperingOrExpiry() throws Exception {
        String key = api.newKey("streamer");
        String index = api.as(key).createIndex("Streaming");
        String videoId = api.as(key).readyVideo(index, fiveSeconds, null);
        String body = api.as(key).get("/v1.3/indexes/" + index + "/videos/" + videoId)
                .andExpect(jsonPath("$.hls.thumbnail_urls.length()").value(0))
                .andReturn().getResponse().getContentAsString();
        // the stored file's own link (hls.video_url is the HLS playlist: HlsRenditionTest)
        String link = localPart(JsonPath.read(body, "$.file_url"));

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

        api.as(key).delete("/v1.3/indexes/" + index + "/videos/" + videoId).andExpect(status().isOk());
        mvc.perform(get(link)).andExpect(status().isNotFound());
    }

    @Test
    void anIndexWithTheThumbnailAddonGetsAThumbnailAndStreamingCanBeTurnedOff() throws Exception {
        String key = api.newKey("thumbs");
        String body = api.as(key).post("/v1.3/indexes", 
                "{\"index_name\":\"Thumbs\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}],\"addons\":[\"thumbnail\"]}")
                .andReturn().getResponse().getContentAsString();
        String index = JsonPath.read(body, "$._id");
        String videoId = api.as(key).readyVideo(index, fiveSeconds, null);

        String video = api.as(key).get("/v1.3/indexes/" + index + "/videos/" + videoId)
                .andExpect(jsonPath("$.hls.thumbnail_urls.length()").value(1))
                .andReturn().getResponse().getContentAsString();
        byte[] jpeg = mvc.perform(get(localPart(JsonPath.read(video, "$.hls.thumbnail_urls[0]"))))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentType("image/jpeg"))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(jpeg).startsWith(0xFF, 0xD8);

        MockMultipartFile part = MultipartForm.videoFile("quiet.mp4", Files.readAllBytes(fiveSeconds));
        String created = api.as(key).perform(MultipartForm.post("/v1.3/tasks").file(part).param("index_id", index).param("enable_video_stream", "false"))
                .andReturn().getResponse().getContentAsString();
        api.as(key).awaitTaskStatus(JsonPath.read(created, "$._id"), "ready");
        api.as(key).get("/v1.3/indexes/" + index + "/videos/" + JsonPath.read(created, "$.video_id"))
                .andExpect(jsonPath("$.hls").doesNotExist());
    }

    @Test
    void aReadyTaskShowsWhereItsVideoPlaysAndListsTakeTheFiltersTwelveLabsClientsSend() throws Exception {
        String key = api.newKey("sdkfilters");
        String index = api.as(key).createIndex("Client filters");
        String videoId = api.as(key).readyVideo(index, fiveSeconds, null);
        String taskId = jdbc.sql("select id from video_tasks where video_id = :v").param("v", videoId).query(String.class).single();
        String videos = "/v1.3/indexes/" + index + "/videos";
        String createdAt = JsonPath.read(api.as(key).get(videos + "/" + videoId).andReturn().getResponse().getContentAsString(),
                "$.created_at");
        String day = createdAt.substring(0, 10);

        api.as(key).awaitHls(index, videoId, "COMPLETE");
        api.as(key).get("/v1.3/tasks/" + taskId).andExpect(jsonPath("$.hls.status").value("COMPLETE"))
                .andExpect(jsonPath("$.hls.video_url").isNotEmpty());
        api.as(key).perform(get("/v1.3/tasks").param("index_id", index).param("width", "640").param("height", "360").param("duration", "5"))
                .andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get("/v1.3/tasks").param("index_id", index).param("width", "1280")).andExpect(jsonPath("$.data.length()").value(0));
        api.as(key).perform(get(videos).param("created_at", day + "T00:00:00Z")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(videos).param("updated_at", day)).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(videos).param("created_at", "2001-01-01T00:00:00Z")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get(videos).param("created_at", Instant.now().plusSeconds(3600).toString()))
                .andExpect(jsonPath("$.data.length()").value(0));
        api.as(key).perform(get(videos).param("created_at", "yesterday")).andExpect(status().isBadRequest());

        api.as(key).delete(videos + "/" + videoId).andExpect(status().isOk());
        api.as(key).get("/v1.3/tasks/" + taskId).andExpect(jsonPath("$.status").value("ready"))
                .andExpect(jsonPath("$.hls").doesNotExist());
    }

    /** A key, the index it made and the path of a ready video of five seconds in it. */
    record Video(String key, String index, String path) {
    }

    /** A new user's key, an index of theirs and a ready video in it carrying the user metadata. */
    private Video readyVideo(String who, String metadata) throws Exception {
        String key = api.newKey(who);
        String index = api.as(key).createIndex(who + " videos");
        return new Video(key, index, "/v1.3/indexes/" + index + "/videos/" + api.as(key).readyVideo(index, fiveSeconds, metadata));
    }

    /** The path and query of an absolute link, for MockMvc. */
    private static String localPart(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
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
}
