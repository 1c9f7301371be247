package io.atrium.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;
import io.atrium.testsupport.S3Server;
import io.atrium.testsupport.TestVideos;
import io.atrium.video.queue.TaskQueue;

/**
 * Imports from a bucket on an S3-compatible server (S3Proxy over HTTP, the real AWS SDK) into an index. The
 * scheduled worker is held back (it looks for tasks once an hour), so each test works the queue when it wants
 * to look at an import in between.
 */
@IntegrationTest
@TestPropertySource(properties = {"atrium.integrations.allowed-addresses=127.0.0.1/32", "atrium.jobs.poll-interval=1h"})
class ImportTest extends ApplicationTest {

    static final S3Server s3 = S3Server.shared();
    final String bucket = s3.newBucket("import");

    /** For working the held-back task queue when a test wants to: {@code TaskQueue.workOnce(context)}. */
    @Autowired
    ApplicationContext context;

    static final Path harbour = TestVideos.shared("harbour.mp4", 5);
    static final Path pier = TestVideos.shared("pier.mp4", 6);
    static final Path lighthouse = TestVideos.shared("lighthouse.mp4", 5, 480, 360, 30);

    @Test
    void everyVideoUnderThePrefixBecomesATaskAndTheRestIsExplained() throws Exception {
        String key = api.newKey("importer");
        s3.put(bucket, "incoming/harbour.mp4", harbour);
        s3.put(bucket, "incoming/day2/pier.mp4", pier);
        s3.put(bucket, "incoming/notes.txt", "shot list".getBytes());
        s3.put(bucket, "elsewhere/outside.mp4", lighthouse);
        String integration = integration(key, "Footage", "incoming/");
        String index = api.as(key).createIndex("Imported");

        api.as(key).post(importPath(integration), "{\"index_id\":\"" + index + "\",\"user_metadata\":{\"source\":\"s3\"}}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.videos.length()").value(2))
                .andExpect(jsonPath("$.videos[*].filename").value(org.hamcrest.Matchers.containsInAnyOrder("harbour.mp4", "pier.mp4")))
                .andExpect(jsonPath("$.videos[0].video_id", notNullValue()))
                .andExpect(jsonPath("$.failed_files.length()").value(1))
                .andExpect(jsonPath("$.failed_files[0].filename").value("notes.txt"))
                .andExpect(jsonPath("$.failed_files[0].error_message", containsString("Not a video file")));

        api.as(key).get(importPath(integration) + "/status?index_id=" + index).andExpect(status().isOk())
                .andExpect(jsonPath("$.validating.length()").value(2))
                .andExpect(jsonPath("$.not_imported.length()").value(0))
                .andExpect(jsonPath("$.failed[0].filename").value("notes.txt"));
        api.as(key).post(importPath(integration), "{\"index_id\":\"" + index + "\"}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("import_in_progress"));
        api.as(key).get(importPath(integration) + "/logs")
                .andExpect(jsonPath("$.data[0].ended_at").value(org.hamcrest.Matchers.nullValue()));

        TaskQueue.workOnce(context);

        api.as(key).get(importPath(integration) + "/status?index_id=" + index)
                .andExpect(jsonPath("$.ready.length()").value(2))
                .andExpect(jsonPath("$.validating.length()").value(0));
        api.as(key).get(importPath(integration) + "/logs")
                .andExpect(jsonPath("$.data.length()").value(1))
                .andExpect(jsonPath("$.data[0].index_id").value(index))
                .andExpect(jsonPath("$.data[0].index_name").value("Imported"))
                .andExpect(jsonPath("$.data[0].ended_at", notNullValue()))
                .andExpect(jsonPath("$.data[0].video_status.ready").value(2))
                .andExpect(jsonPath("$.data[0].failed_files[0].filename").value("notes.txt"));
        String listed = api.as(key).get("/v1.3/indexes/" + index + "/videos?source=s3")
                .andExpect(jsonPath("$.data.length()").value(2)).andReturn().getResponse().getContentAsString();
        List<Integer> sizes = JsonPath.read(listed, "$.data[*].system_metadata.size");
        assertThat(sizes).containsExactlyInAnyOrder((int) Files.size(harbour), (int) Files.size(pier));
    }

    @Test
    void anIncrementalImportTakesOnlyNewContentAndRetriesFailuresOnlyWhenAsked() throws Exception {
        String key = api.newKey("incremental");
        s3.put(bucket, "clips/harbour.mp4", harbour);
        s3.put(bucket, "clips/noise.mp4", TestVideos.noise());
        String integration = integration(key, "Clips", "clips/");
        String index = api.as(key).createIndex("Clips");
        String body = "{\"index_id\":\"" + index + "\"}";

        api.as(key).post(importPath(integration), body).andExpect(jsonPath("$.videos.length()").value(2));
        TaskQueue.workOnce(context);
        api.as(key).get(importPath(integration) + "/status?index_id=" + index)
                .andExpect(jsonPath("$.ready[0].filename").value("harbour.mp4"))
                .andExpect(jsonPath("$.failed[0].filename").value("noise.mp4"))
                .andExpect(jsonPath("$.failed[0].error_message").value("The file is not a readable video."));

        s3.put(bucket, "clips/pier.mp4", pier);
        api.as(key).post(importPath(integration), body)
                .andExpect(jsonPath("$.videos.length()").value(1))
                .andExpect(jsonPath("$.videos[0].filename").value("pier.mp4"));
        TaskQueue.workOnce(context);

        s3.put(bucket, "clips/noise.mp4", lighthouse);
        api.as(key).post(importPath(integration), "{\"index_id\":\"" + index + "\",\"retry_failed\":true}")
                .andExpect(jsonPath("$.videos.length()").value(1))
                .andExpect(jsonPath("$.videos[0].filename").value("noise.mp4"));
        TaskQueue.workOnce(context);
        api.as(key).get(importPath(integration) + "/status?index_id=" + index)
                .andExpect(jsonPath("$.ready.length()").value(3))
                .andExpect(jsonPath("$.failed.length()").value(0));
        api.as(key).get("/v1.3/indexes/" + index + "/videos").andExpect(jsonPath("$.data.length()").value(3));

        api.as(key).post(importPath(integration), "{\"index_id\":\"" + index + "\",\"incremental_import\":false}")
                .andExpect(jsonPath("$.videos.length()").value(3));
        api.as(key).get(importPath(integration) + "/logs").andExpect(jsonPath("$.data.length()").value(4));
    }

    @Test
    void anObjectThatDisappearsBeforeItIsReadFailsItsTaskAndAnEmptyPrefixImportsNothing() throws Exception {
        String key = api.newKey("vanishing");
        s3.put(bucket, "takes/harbour.mp4", harbour);
        s3.put(bucket, "takes/pier.mp4", pier);
        String integration = integration(key, "Takes", "takes/");
        String empty = integration(key, "Nothing yet", "nothing/");
        String index = api.as(key).createIndex("Takes");

        api.as(key).post(importPath(integration), "{\"index_id\":\"" + index + "\"}").andExpect(jsonPath("$.videos.length()").value(2));
        s3.delete(bucket, "takes/pier.mp4");
        TaskQueue.workOnce(context);

        api.as(key).get(importPath(integration) + "/status?index_id=" + index)
                .andExpect(jsonPath("$.ready[0].filename").value("harbour.mp4"))
                .andExpect(jsonPath("$.failed[0].filename").value("pier.mp4"))
                .andExpect(jsonPath("$.failed[0].error_message").value("The object takes/pier.mp4 is no longer in the bucket."));
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :index and status = 'failed' and object_key is null")
                .param("index", index).query(Integer.class).single()).isEqualTo(1);

        api.as(key).post(importPath(empty), "{\"index_id\":\"" + index + "\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.videos.length()").value(0)).andExpect(jsonPath("$.failed_files.length()").value(0));
        api.as(key).get(importPath(empty) + "/logs").andExpect(jsonPath("$.data[0].ended_at", notNullValue()));
        api.as(key).post(importPath(empty), "{}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_not_provided"));
    }

    @Test
    void twoImportsStartedAtOnceRunOneAfterTheOther() throws Exception {
        String key = api.newKey("racer");
        s3.put(bucket, "race/harbour.mp4", harbour);
        String integration = integration(key, "Race", "race/");
        String index = api.as(key).createIndex("Race");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Callable<Integer> attempt = () -> {
                    start.await();
                    return api.as(key).post(importPath(integration), "{\"index_id\":\"" + index + "\"}")
                            .andReturn().getResponse().getStatus();
                };
                answers.add(pool.submit(attempt));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from video_tasks where index_id = :index").param("index", index)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void membersImportThroughTheirOrganizationsIntegrationsAndOtherAccountsGetNotFound() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Import");
        String outsiderKey = api.newKey("importoutsider");
        s3.put(bucket, "team/harbour.mp4", harbour);
        String integration = integration(team.adminKey(), "Team", "team/");
        String index = api.as(team.adminKey()).createIndex("Team");
        String outsiderIndex = api.as(outsiderKey).createIndex("Mine");

        api.as(outsiderKey).post(importPath(integration), "{\"index_id\":\"" + outsiderIndex + "\"}").andExpect(status().isNotFound());
        api.as(outsiderKey).get(importPath(integration) + "/status?index_id=" + index).andExpect(status().isNotFound());
        api.as(outsiderKey).get(importPath(integration) + "/logs").andExpect(status().isNotFound());
        api.as(team.memberKey()).post(importPath(integration), "{\"index_id\":\"" + outsiderIndex + "\"}").andExpect(status().isNotFound());

        api.as(team.memberKey()).post(importPath(integration), "{\"index_id\":\"" + index + "\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.videos.length()").value(1));
        api.as(team.adminKey()).get(importPath(integration) + "/logs").andExpect(jsonPath("$.data.length()").value(1));
        assertThat(jdbc.sql("select count(*) from video_tasks where account_id <> (select account_id from indexes where id = :index) "
                        + "and index_id = :index").param("index", index).query(Integer.class).single()).isZero();
    }

    private static String importPath(String integration) {
        return "/v1.3/tasks/transfers/import/" + integration;
    }

    private String integration(String key, String name, String prefix) throws Exception {
        return api.as(key).createIntegration(s3.integrationJson(name, bucket, prefix, s3.secretKey()));
    }
}
