package io.atrium.video.asset;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApiClient;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.TestVideos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /v1.3/indexes/{id}/indexed-assets}: the SDKs' way to index, an asset uploaded once and indexed through the
 * same task pipeline as an upload, shown as the index's videos by the same ids.
 */
@IntegrationTest
class IndexedAssetApiTest extends ApplicationTest {

    @Test
    void anAssetIndexedIntoAnIndexBecomesAVideoOfItByTheSameId() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("readme"));
        String asset = caller.readyAsset(TestVideos.withSound());
        String index = caller.createIndex("From assets");

        String id = indexed(caller, index, asset, "{\"asset_id\":\"" + asset + "\",\"enable_video_stream\":true,"
                + "\"user_metadata\":{\"scene\":\"pier\"}}");
        awaitIndexedStatus(caller, index, id, "ready");

        caller.get("/v1.3/indexes/" + index + "/indexed-assets/" + id).andExpect(status().isOk())
                .andExpect(jsonPath("$.asset_id").value(asset))
                .andExpect(jsonPath("$.system_metadata.filename").value("sound.mp4"))
                .andExpect(jsonPath("$.system_metadata.duration", closeTo(5.0, 0.1)))
                .andExpect(jsonPath("$.user_metadata.scene").value("pier"))
                .andExpect(jsonPath("$.indexed_at").isNotEmpty())
                // streaming asked for: its HLS rendition is under way or made
                .andExpect(jsonPath("$.hls.status").isNotEmpty());
        caller.get("/v1.3/indexes/" + index + "/indexed-assets?status=ready&scene=pier")
                .andExpect(jsonPath("$.data", hasSize(1))).andExpect(jsonPath("$.data[0]._id").value(id))
                .andExpect(jsonPath("$.data[0].status").value("ready"));
        caller.get("/v1.3/indexes/" + index + "/videos/" + id).andExpect(status().isOk())
                .andExpect(jsonPath("$.asset_id").value(asset));
        caller.get("/v1.3/indexes/" + index + "/videos").andExpect(jsonPath("$.data[0].asset_id").value(asset));
        caller.get("/v1.3/assets/" + asset + "/indexed-assets").andExpect(jsonPath("$.data", hasSize(1)))
                .andExpect(jsonPath("$.data[0]._id").value(id))
                .andExpect(jsonPath("$.data[0].index._id").value(index))
                .andExpect(jsonPath("$.data[0].index.name").value("From assets"));

        caller.patch("/v1.3/indexes/" + index + "/indexed-assets/" + id, "{\"user_metadata\":{\"scene\":null,\"take\":2}}")
                .andExpect(status().isOk());
        caller.get("/v1.3/indexes/" + index + "/videos/" + id).andExpect(jsonPath("$.user_metadata.take").value(2))
                .andExpect(jsonPath("$.user_metadata.scene").doesNotExist());
        caller.delete("/v1.3/indexes/" + index + "/indexed-assets/" + id).andExpect(status().isOk());
        caller.get("/v1.3/indexes/" + index + "/indexed-assets/" + id).andExpect(status().isNotFound());
        caller.get("/v1.3/indexes/" + index + "/videos/" + id).andExpect(status().isNotFound());
        caller.get("/v1.3/assets/" + asset).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ready"));
    }

    @Test
    void anIndexedAssetIsDeletedWithItsAssetOnlyWhenForced() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("forcer"));
        String asset = caller.readyAsset(TestVideos.withSound());
        String first = caller.createIndex("First");
        String second = caller.createIndex("Second");
        String one = indexed(caller, first, asset, "{\"asset_id\":\"" + asset + "\"}");
        String two = indexed(caller, second, asset, "{\"asset_id\":\"" + asset + "\"}");
        awaitIndexedStatus(caller, first, one, "ready");
        awaitIndexedStatus(caller, second, two, "ready");

        caller.delete("/v1.3/assets/" + asset).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("asset_in_use"));
        caller.get("/v1.3/indexes/" + first + "/videos/" + one).andExpect(status().isOk());
        caller.delete("/v1.3/assets/" + asset + "?force=true").andExpect(status().isOk());
        caller.get("/api/v1/audit-log?action=video.asset_deleted")
                .andExpect(jsonPath("$.data[0].target").value("sound.mp4"))
                .andExpect(jsonPath("$.data[0].details").value("with the 2 indexed video(s) made from it"));
        caller.get("/v1.3/assets/" + asset).andExpect(status().isNotFound());
        caller.get("/v1.3/indexes/" + first + "/videos/" + one).andExpect(status().isNotFound());
        caller.get("/v1.3/indexes/" + second + "/indexed-assets/" + two).andExpect(status().isNotFound());
        caller.get("/v1.3/indexes/" + second).andExpect(jsonPath("$.video_count").value(0));
    }

    @Test
    void onlyAReadyVideoAssetIsIndexedAndOnlyOnceAnIndex() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("picky"));
        String index = caller.createIndex("Picky");
        String image = caller.readyAsset(TestVideos.still());
        String video = caller.readyAsset(TestVideos.withSound());
        caller.post("/v1.3/indexes/" + index + "/indexed-assets", "{\"asset_id\":\"" + image + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("asset_type_not_supported"));
        caller.post("/v1.3/indexes/" + index + "/indexed-assets", "{}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_not_provided"));
        indexed(caller, index, video, "{\"asset_id\":\"" + video + "\"}");
        caller.post("/v1.3/indexes/" + index + "/indexed-assets", "{\"asset_id\":\"" + video + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("asset_already_indexed"));
        caller.get("/v1.3/indexes/" + index + "/indexed-assets?status=bogus").andExpect(status().isBadRequest());
    }

    @Test
    void anAssetOutsideTheIndexsLimitsFailsItsIndexingSayingWhy() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("limits"));
        String index = caller.createIndex("Strict");
        String asset = caller.readyAsset(TestVideos.tooShort());
        String id = indexed(caller, index, asset, "{\"asset_id\":\"" + asset + "\"}");
        awaitIndexedStatus(caller, index, id, "failed");
        caller.get("/v1.3/indexes/" + index + "/indexed-assets?status=failed")
                .andExpect(jsonPath("$.data[0]._id").value(id))
                .andExpect(jsonPath("$.data[0].error.message").isNotEmpty());
        caller.get("/v1.3/indexes/" + index + "/indexed-assets?status=ready").andExpect(jsonPath("$.data", hasSize(0)));
        caller.get("/v1.3/assets/" + asset).andExpect(jsonPath("$.status").value("ready"));
        caller.delete("/v1.3/indexes/" + index + "/indexed-assets/" + id).andExpect(status().isOk());
        caller.get("/v1.3/indexes/" + index + "/indexed-assets").andExpect(jsonPath("$.data", hasSize(0)));
    }

    @Test
    void anotherAccountsAssetsIndexesAndIndexedAssetsAreMissing() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("owner"));
        ApiClient.Caller outsider = api.as(api.newKey("outsider"));
        String asset = owner.readyAsset(TestVideos.withSound());
        String index = owner.createIndex("Owned");
        String id = indexed(owner, index, asset, "{\"asset_id\":\"" + asset + "\"}");
        String outsiderIndex = outsider.createIndex("Elsewhere");
        String outsiderAsset = outsider.readyAsset(TestVideos.withSound());

        outsider.post("/v1.3/indexes/" + outsiderIndex + "/indexed-assets", "{\"asset_id\":\"" + asset + "\"}")
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("resource_not_exist"));
        outsider.post("/v1.3/indexes/" + index + "/indexed-assets", "{\"asset_id\":\"" + outsiderAsset + "\"}")
                .andExpect(status().isNotFound());
        outsider.get("/v1.3/indexes/" + index + "/indexed-assets").andExpect(status().isNotFound());
        outsider.get("/v1.3/indexes/" + index + "/indexed-assets/" + id).andExpect(status().isNotFound());
        outsider.get("/v1.3/indexes/" + outsiderIndex + "/indexed-assets/" + id).andExpect(status().isNotFound());
        outsider.patch("/v1.3/indexes/" + index + "/indexed-assets/" + id, "{\"user_metadata\":{\"a\":1}}")
                .andExpect(status().isNotFound());
        outsider.delete("/v1.3/indexes/" + index + "/indexed-assets/" + id).andExpect(status().isNotFound());
        outsider.delete("/v1.3/indexes/" + outsiderIndex + "/indexed-assets/" + id).andExpect(status().isNotFound());
        outsider.get("/v1.3/assets/" + asset + "/indexed-assets").andExpect(status().isNotFound());
        owner.get("/v1.3/indexes/" + index + "/indexed-assets/" + id).andExpect(status().isOk());
    }

    private static String indexed(ApiClient.Caller caller, String index, String asset, String body) throws Exception {
        String created = caller.post("/v1.3/indexes/" + index + "/indexed-assets", body)
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.asset_id").value(asset))
                .andReturn().getResponse().getContentAsString();
        return JsonPath.read(created, "$._id");
    }

    private static void awaitIndexedStatus(ApiClient.Caller caller, String index, String id, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                (String) JsonPath.read(caller.get("/v1.3/indexes/" + index + "/indexed-assets/" + id)
                        .andReturn().getResponse().getContentAsString(), "$.status")).isEqualTo(expected));
    }
}
