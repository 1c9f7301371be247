package io.atrium.video.queue;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.AtriumProperties;
import io.atrium.shared.Ids;
import io.atrium.storage.ObjectStorage;
import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;

/** Stored objects that nothing refers to (left by a node that died mid-upload) are deleted once old enough. */
@IntegrationTest
class OrphanSweeperTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectStorage storage;
    @Autowired
    AtriumProperties properties;
    @Autowired
    OrphanSweeper sweeper;

    @Test
    void objectsOfNoVideoAndNoTaskAreDeletedOnceOlderThanTheGraceAndOthersAreKept() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Sweeper", uniqueEmail("sweeper")), "sweep");
        String index = JsonPath.read(mvc.perform(post("/v1.3/indexes").header("x-api-key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"index_name\":\"Sweep\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(), "$._id");
        String account = jdbc.sql("select account_id from indexes where id = :i").param("i", index).query(String.class).single();
        Instant now = Instant.now();
        String video = Ids.newId(now);
        String queued = Ids.newId(now);
        String orphan = Ids.newId(now);
        String cutOff = Ids.newId(now);
        jdbc.sql("""
                insert into videos (id, account_id, index_id, filename, duration, fps, width, height, size, created_at,
                    updated_at, indexed_at)
                values (:id, :account, :index, 'kept.mp4', 5, 25, 640, 360, 3, :now, :now, :now)""")
                .param("id", video).param("account", account).param("index", index)
                .param("now", now.atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("""
                insert into video_tasks (id, account_id, index_id, video_id, status, filename, size, enable_video_stream,
                    created_at, updated_at)
                values (:id, :account, :index, :video, 'failed', 'queued.mp4', 3, true, :now, :now)""")
                .param("id", Ids.newId(now)).param("account", account).param("index", index).param("video", queued)
                .param("now", now.atOffset(ZoneOffset.UTC)).update();
        for (String id : new String[] {video, queued, orphan}) {
            storage.store(account + "/" + id + ".mp4", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        }
        storage.store(account + "/" + video + "-thumbnail.jpg", new ByteArrayInputStream(new byte[] {1}));
        storage.store(account + "/" + orphan + "-thumbnail.jpg", new ByteArrayInputStream(new byte[] {1}));
        // a write cut off by a crash
        Path partial = properties.dataDir().resolve("objects").resolve(account).resolve(cutOff + ".mp4.partial");
        Files.write(partial, new byte[] {1, 2});

        assertThat(sweeper.sweep(now.minus(Duration.ofHours(1)))).as("nothing is older than the cut-off").isZero();
        assertThat(storage.exists(account + "/" + orphan + ".mp4")).isTrue();

        assertThat(sweeper.sweep(Instant.now().plusSeconds(60))).isGreaterThanOrEqualTo(2);

        assertThat(storage.exists(account + "/" + orphan + ".mp4")).isFalse();
        assertThat(storage.exists(account + "/" + orphan + "-thumbnail.jpg")).isFalse();
        assertThat(partial).doesNotExist();
        assertThat(storage.exists(account + "/" + video + ".mp4")).isTrue();
        assertThat(storage.exists(account + "/" + video + "-thumbnail.jpg")).isTrue();
        assertThat(storage.exists(account + "/" + queued + ".mp4")).isTrue();
    }
}
