package io.atrium.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.Ids;
import io.atrium.testsupport.ApiClient;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.TestVideos;
import io.atrium.video.store.TaskRow;
import io.atrium.video.store.VideoRepository;

/**
 * An index's {@code video_count}, which a list's {@code total_results} reads instead of counting the videos, stays
 * the number of its videos, and its {@code video_duration_us}, which the index list reads instead of summing them,
 * their total duration, on every path that adds or removes one: a finished upload task, an indexed asset, a metadata
 * change, deleting a video or an indexed asset, deleting an asset with force, two videos added at once and one
 * video deleted twice at once.
 */
@IntegrationTest
class VideoCountTest extends ApplicationTest {

    @Autowired
    VideoRepository videos;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void theCountFollowsEveryPathThatAddsOrRemovesAVideo() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("counter"));
        String index = caller.createIndex("Counted");
        String other = caller.createIndex("Other");
        String uploaded = caller.readyVideo(index, TestVideos.shared("count.mp4", 5), "{\"team\":\"red\"}");
        caller.readyVideo(index, TestVideos.shared("count.mp4", 5), null);
        String asset = caller.readyAsset(TestVideos.withSound());
        String indexed = indexed(caller, index, asset);
        String elsewhere = indexed(caller, other, asset);
        expectCount(index, 3);
        expectCount(other, 1);

        caller.patch("/v1.3/indexes/" + index + "/videos/" + uploaded, "{\"user_metadata\":{\"team\":\"blue\"}}")
                .andExpect(status().isOk());
        expectCount(index, 3);
        caller.perform(get("/v1.3/indexes/" + index + "/videos").param("team", "blue").param("page_limit", "1")
                .param("page", "2")).andExpect(jsonPath("$.page_info.total_results").value(1));
        caller.delete("/v1.3/indexes/" + index + "/videos/" + uploaded).andExpect(status().isOk());
        caller.delete("/v1.3/indexes/" + index + "/videos/" + uploaded).andExpect(status().isNotFound());
        expectCount(index, 2);
        caller.delete("/v1.3/indexes/" + other + "/indexed-assets/" + elsewhere).andExpect(status().isOk());
        expectCount(other, 0);
        caller.delete("/v1.3/assets/" + asset + "?force=true").andExpect(status().isOk());
        caller.get("/v1.3/indexes/" + index + "/videos/" + indexed).andExpect(status().isNotFound());
        expectCount(index, 1);
        expectCount(other, 0);
    }

    @Test
    void twoVideosAddedAtOnceBothCount() throws Exception {
        String index = api.as(api.newKey("together")).createIndex("Together");
        String account = jdbc.sql("select account_id from indexes where id = :i").param("i", index)
                .query(String.class).single();
        CountDownLatch firstAdded = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        // the first transaction adds its video and stays open while the second adds its own (which waits for the
        // index's count on PostgreSQL), so neither can have seen the other's count when it wrote its own
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            videos.insertIfAbsent(task(account, index), Map.of(), Instant.now());
            firstAdded.countDown();
            try {
                secondDone.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                firstAdded.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            transactions.executeWithoutResult(status -> videos.insertIfAbsent(task(account, index), Map.of(), Instant.now()));
            secondDone.countDown();
        });
        CompletableFuture.allOf(first, second).get(60, TimeUnit.SECONDS);

        expectCount(index, 2);
    }

    @Test
    void oneVideoDeletedTwiceAtOnceIsTakenAwayOnce() throws Exception {
        String index = api.as(api.newKey("twice")).createIndex("Twice");
        String account = jdbc.sql("select account_id from indexes where id = :i").param("i", index)
                .query(String.class).single();
        TaskRow video = task(account, index);
        transactions.executeWithoutResult(status -> videos.insertIfAbsent(video, Map.of(), Instant.now()));
        transactions.executeWithoutResult(status -> videos.insertIfAbsent(task(account, index), Map.of(), Instant.now()));
        CountDownLatch firstDeleted = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        // the first transaction deletes the video and stays open while the second deletes it too (which waits for
        // the row), so both read its duration before either has committed
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            boolean deleted = videos.delete(account, index, video.videoId());
            firstDeleted.countDown();
            try {
                secondDone.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return deleted;
        }));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            try {
                firstDeleted.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean deleted = transactions.execute(status -> videos.delete(account, index, video.videoId()));
            secondDone.countDown();
            return deleted;
        });

        assertThat(List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder(true, false);
        expectCount(index, 1);
    }

    private void expectCount(String index, long expected) {
        long rows = jdbc.sql("select count(*) from videos v join indexes i on i.id = v.index_id "
                        + "and i.account_id = v.account_id where i.id = :i")
                .param("i", index).query(Long.class).single();
        long counted = jdbc.sql("select video_count from indexes where id = :i").param("i", index)
                .query(Long.class).single();
        assertThat(rows).isEqualTo(expected);
        assertThat(counted).as("video_count of an index with %d videos", rows).isEqualTo(rows);
        long micros = jdbc.sql("select coalesce(sum(cast(round(v.duration * 1000000) as bigint)), 0) from videos v "
                        + "join indexes i on i.id = v.index_id and i.account_id = v.account_id where i.id = :i")
                .param("i", index).query(Long.class).single();
        long kept = jdbc.sql("select video_duration_us from indexes where id = :i").param("i", index)
                .query(Long.class).single();
        assertThat(kept).as("video_duration_us of an index whose videos last %d µs", micros).isEqualTo(micros);
    }

    private static TaskRow task(String account, String index) {
        Instant now = Instant.now();
        return new TaskRow(Ids.newId(now), account, index, Ids.newId(now), TaskStatus.READY, null, null, "clip.mp4",
                null, 1000, 10.0, 25.0, 640, 360, true, null, now, now, null, null, null);
    }

    private static String indexed(ApiClient.Caller caller, String index, String asset) throws Exception {
        String id = JsonPath.read(caller.post("/v1.3/indexes/" + index + "/indexed-assets",
                "{\"asset_id\":\"" + asset + "\"}").andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString(), "$._id");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                (String) JsonPath.read(caller.get("/v1.3/indexes/" + index + "/indexed-assets/" + id)
                        .andReturn().getResponse().getContentAsString(), "$.status")).isEqualTo("ready"));
        return id;
    }
}
