package io.atrium.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.jayway.jsonpath.JsonPath;

/**
 * What the calls of one key do alike whether MockMvc ({@link ApiClient.Caller}) or real HTTP
 * ({@link HttpApiClient.Caller}) carries them: the steps built from plain requests, written once.
 */
public abstract class KeyCalls {

    /** A Marengo index with visual search under the name; its id. */
    public String createIndex(String name) throws Exception {
        return createIndexFrom(ApiClient.INDEX.formatted(name));
    }

    /** An index as the JSON body describes it; its id. */
    public abstract String createIndexFrom(String json) throws Exception;

    /** The status {@code GET /v1.3/tasks/{id}} answers now. */
    public abstract String taskStatus(String taskId) throws Exception;

    /** The status {@code GET /v1.3/assets/{id}} answers now. */
    public abstract String assetStatus(String assetId) throws Exception;

    /** Waits up to 30 seconds for the asset to reach the status. */
    public void awaitAssetStatus(String assetId, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(assetStatus(assetId)).as("asset " + assetId).isEqualTo(expected));
    }

    /** The video of a task as {@code GET /v1.3/indexes/{index}/videos/{video}} answers it now (its JSON). */
    public abstract String video(String indexId, String videoId) throws Exception;

    /**
     * Waits up to 60 seconds for the video's {@code hls.status} to be {@code expected} ({@code COMPLETE} or
     * {@code ERROR}); the video's JSON then.
     */
    public String awaitHls(String indexId, String videoId, String expected) {
        String[] last = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last[0] = video(indexId, videoId);
            assertThat(JsonPath.<String>read(last[0], "$.hls.status")).as(last[0]).isEqualTo(expected);
        });
        return last[0];
    }

    /** Waits up to 30 seconds for the task to reach the status. */
    public void awaitTaskStatus(String taskId, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(taskStatus(taskId)).as("task " + taskId).isEqualTo(expected));
    }
}
