package io.atrium.video.asset;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.TestVideos;

/** {@code /v1.3/assets}: direct uploads read by FFmpeg, listed, described, changed and deleted. */
@IntegrationTest
class AssetApiTest extends ApplicationTest {

    @Test
    void aDirectUploadBecomesAReadyVideoAssetWithTheTechnicalMetadataOfItsFile() throws Exception {
        String key = api.newKey("assets");
        Path video = TestVideos.withSound();
        String created = api.as(key).uploadAsset(video, "enable_thumbnail", "true", "user_metadata", "{\"shot\":\"pier\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.method").value("direct"))
                .andExpect(jsonPath("$.status").value("processing"))
                .andExpect(jsonPath("$.filename").value("sound.mp4"))
                .andExpect(jsonPath("$.user_metadata.shot").value("pier"))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$._id");
        api.as(key).awaitAssetStatus(id, "ready");

        api.as(key).get("/v1.3/assets/" + id).andExpect(status().isOk())
                .andExpect(jsonPath("$.file_type").value("video/mp4"))
                .andExpect(jsonPath("$.size").value(Files.size(video)))
                .andExpect(jsonPath("$.duration", closeTo(5.0, 0.1)))
                .andExpect(jsonPath("$.technical_metadata.file_size_bytes").value(Files.size(video)))
                .andExpect(jsonPath("$.technical_metadata.video_width").value(640))
                .andExpect(jsonPath("$.technical_metadata.video_height").value(360))
                .andExpect(jsonPath("$.technical_metadata.video_fps", closeTo(25.0, 0.01)))
                .andExpect(jsonPath("$.technical_metadata.video_streams", hasSize(1)))
                .andExpect(jsonPath("$.technical_metadata.audio_streams", hasSize(1)))
                .andExpect(jsonPath("$.technical_metadata.audio_sample_rate").isNumber())
                .andExpect(jsonPath("$.technical_metadata.has_audio").value(true))
                .andExpect(jsonPath("$.technical_metadata.total_video_streams").value(1))
                .andExpect(jsonPath("$.technical_metadata.storage_aspect_ratio", closeTo(1.7778, 0.001)))
                .andExpect(jsonPath("$.thumbnail.status").value("ready"))
                .andExpect(jsonPath("$.thumbnail.representative_url", startsWith("http")));
    }

    @Test
    void audioAndImagesAreAssetsOfTheirOwnType() throws Exception {
        String key = api.newKey("media");
        String audio = api.as(key).readyAsset(TestVideos.tone());
        String image = api.as(key).readyAsset(TestVideos.still(), "enable_thumbnail", "true");

        api.as(key).get("/v1.3/assets/" + audio).andExpect(jsonPath("$.file_type").value("audio/wav"))
                .andExpect(jsonPath("$.technical_metadata.audio_channels").value(1))
                .andExpect(jsonPath("$.technical_metadata.audio_sample_rate").value(48000))
                .andExpect(jsonPath("$.technical_metadata.has_audio").value(true))
                .andExpect(jsonPath("$.duration", closeTo(3.0, 0.05)));
        api.as(key).get("/v1.3/assets/" + image).andExpect(jsonPath("$.file_type").value("image/png"))
                .andExpect(jsonPath("$.technical_metadata.image_width").value(400))
                .andExpect(jsonPath("$.technical_metadata.image_height").value(300))
                .andExpect(jsonPath("$.technical_metadata.image_format").value("png"))
                .andExpect(jsonPath("$.thumbnail.status").value("ready"));
        api.as(key).get("/v1.3/assets?asset_types=image").andExpect(jsonPath("$.data", hasSize(1)))
                .andExpect(jsonPath("$.data[0]._id").value(image));
        api.as(key).get("/v1.3/assets?asset_types=audio,image&filename=TON")
                .andExpect(jsonPath("$.data[0]._id").value(audio))
                .andExpect(jsonPath("$.page_info.total_results").value(1));
        api.as(key).get("/v1.3/assets?asset_ids=" + audio + "&asset_ids=" + image)
                .andExpect(jsonPath("$.page_info.total_results").value(2));
    }

    @Test
    void aFileThatIsNoMediaFailsSayingWhyAndLeavesNoFile() throws Exception {
        String key = api.newKey("noise");
        String id = JsonPath.read(api.as(key).uploadAsset(TestVideos.noise()).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$._id");
        api.as(key).awaitAssetStatus(id, "failed");
        api.as(key).get("/v1.3/assets/" + id)
                .andExpect(jsonPath("$.error.message").value("The file is not a video, audio or image file that can be read."));
    }

    @Test
    void userMetadataIsMergedReplacedAndCleared() throws Exception {
        String key = api.newKey("metadata");
        String id = api.as(key).readyAsset(TestVideos.still(), "user_metadata", "{\"a\":1,\"b\":\"x\"}");
        api.as(key).patch("/v1.3/assets/" + id + "/user-metadata", "{\"user_metadata\":{\"b\":null,\"c\":true}}")
                .andExpect(status().isOk());
        api.as(key).get("/v1.3/assets/" + id).andExpect(jsonPath("$.user_metadata.a").value(1))
                .andExpect(jsonPath("$.user_metadata.b").doesNotExist())
                .andExpect(jsonPath("$.user_metadata.c").value(true));
        api.as(key).put("/v1.3/assets/" + id + "/user-metadata", "{\"user_metadata\":{\"z\":\"only\"}}")
                .andExpect(status().isOk());
        api.as(key).get("/v1.3/assets/" + id).andExpect(jsonPath("$.user_metadata.z").value("only"))
                .andExpect(jsonPath("$.user_metadata.a").doesNotExist());
        api.as(key).delete("/v1.3/assets/" + id + "/user-metadata").andExpect(status().isOk());
        api.as(key).get("/v1.3/assets/" + id).andExpect(jsonPath("$.user_metadata").isEmpty());
        api.as(key).patch("/v1.3/assets/" + id + "/user-metadata", "{\"user_metadata\":{\"nested\":{\"no\":1}}}")
                .andExpect(status().isBadRequest());
    }

    @Test
    void badFormsAreRefusedAndStoreNothing() throws Exception {
        String key = api.newKey("forms");
        api.as(key).perform(io.atrium.testsupport.MultipartForm.post("/v1.3/assets")
                        .file(io.atrium.testsupport.MultipartForm.assetFile(TestVideos.still())))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_not_provided"));
        api.as(key).perform(io.atrium.testsupport.MultipartForm.post("/v1.3/assets").param("method", "multipart"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).perform(io.atrium.testsupport.MultipartForm.post("/v1.3/assets").param("method", "url"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_not_provided"));
        api.as(key).perform(io.atrium.testsupport.MultipartForm.post("/v1.3/assets").param("method", "url")
                        .param("url", "http://169.254.169.254/latest/meta-data/"))
                .andExpect(status().isBadRequest());
        api.as(key).uploadAsset(TestVideos.still(), "enable_hls", "maybe").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).get("/v1.3/assets").andExpect(jsonPath("$.data", hasSize(0)));
    }

    @Test
    void anotherAccountsAssetIsMissingOnEveryEndpoint() throws Exception {
        String owner = api.newKey("owner");
        String outsider = api.newKey("outsider");
        String id = api.as(owner).readyAsset(TestVideos.still());
        api.as(outsider).get("/v1.3/assets/" + id).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("resource_not_exist"));
        api.as(outsider).patch("/v1.3/assets/" + id + "/user-metadata", "{\"user_metadata\":{\"a\":1}}")
                .andExpect(status().isNotFound());
        api.as(outsider).put("/v1.3/assets/" + id + "/user-metadata", "{\"user_metadata\":{\"a\":1}}")
                .andExpect(status().isNotFound());
        api.as(outsider).delete("/v1.3/assets/" + id + "/user-metadata").andExpect(status().isNotFound());
        api.as(outsider).delete("/v1.3/assets/" + id).andExpect(status().isNotFound());
        api.as(outsider).get("/v1.3/assets?asset_ids=" + id).andExpect(jsonPath("$.data", hasSize(0)));
        api.as(owner).get("/v1.3/assets/" + id).andExpect(status().isOk());
    }

    @Test
    void aVideoAssetAskedForHlsGetsAPlaylistWhoseSegmentsAreServedAndAnImageNever() throws Exception {
        String key = api.newKey("streamer");
        String video = api.as(key).readyAsset(TestVideos.withSound(), "enable_hls", "true");
        String image = api.as(key).readyAsset(TestVideos.still(), "enable_hls", "true");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() ->
                api.as(key).get("/v1.3/assets/" + video).andExpect(jsonPath("$.hls.status").value("ready")));
        String manifest = JsonPath.read(api.as(key).get("/v1.3/assets/" + video).andReturn().getResponse()
                .getContentAsString(), "$.hls.manifest_url");
        String playlist = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(manifest))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        org.assertj.core.api.Assertions.assertThat(playlist).startsWith("#EXTM3U").contains("#EXT-X-ENDLIST");
        String segment = playlist.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).findFirst().orElseThrow();
        java.net.URI segmentUrl = java.net.URI.create(manifest).resolve(segment);
        byte[] bytes = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(segmentUrl))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        org.assertj.core.api.Assertions.assertThat(bytes.length).isGreaterThan(1000);
        org.assertj.core.api.Assertions.assertThat(bytes[0]).isEqualTo((byte) 0x47); // an MPEG-TS sync byte
        api.as(key).get("/v1.3/assets/" + image).andExpect(jsonPath("$.hls.status").value("error"))
                .andExpect(jsonPath("$.hls.manifest_url").doesNotExist());
    }

    @Test
    void deletingAnAssetRemovesItAndItsThumbnail() throws Exception {
        String key = api.newKey("deleter");
        String id = api.as(key).readyAsset(TestVideos.still(), "enable_thumbnail", "true");
        String thumbnail = JsonPath.read(api.as(key).get("/v1.3/assets/" + id).andReturn().getResponse()
                .getContentAsString(), "$.thumbnail.representative_url");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(thumbnail))
                .andExpect(status().isOk());
        api.as(key).delete("/v1.3/assets/" + id).andExpect(status().isOk());
        api.as(key).get("/v1.3/assets/" + id).andExpect(status().isNotFound());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(thumbnail))
                .andExpect(status().isNotFound());
    }
}
