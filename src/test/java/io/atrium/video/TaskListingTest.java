package io.atrium.video;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.shared.Ids;
import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

/**
 * {@code GET /v1.3/tasks}: filtered, sorted and paged in the database. Tasks whose only role is to be listed are
 * written straight into the table (finished, so no worker takes them), so that their times can be chosen.
 */
@IntegrationTest
class TaskListingTest extends ApplicationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void tasksArePagedNewestFirstByDefaultInEitherOrderAndOnlyTheAccountsOwn() throws Exception {
        String key = api.newKey("paging");
        String index = api.as(key).createIndex("Paging");
        String first = seed(index, "a.mp4", "ready", T0, T0.plusSeconds(50));
        String second = seed(index, "b.mp4", "failed", T0.plusSeconds(10), T0.plusSeconds(40));
        String third = seed(index, "c.mp4", "ready", T0.plusSeconds(20), T0.plusSeconds(30));
        String stranger = api.newKey("stranger");
        seed(api.as(stranger).createIndex("Elsewhere"), "z.mp4", "ready", T0.plusSeconds(5), T0.plusSeconds(5));

        api.as(key).get("/v1.3/tasks").andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*]._id").value(contains(third, second, first)))
                .andExpect(jsonPath("$.page_info.total_results").value(3));
        api.as(key).perform(get("/v1.3/tasks").param("page_limit", "2"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(third, second)))
                .andExpect(jsonPath("$.page_info.total_page").value(2))
                .andExpect(jsonPath("$.page_info.total_results").value(3));
        api.as(key).perform(get("/v1.3/tasks").param("page_limit", "2").param("page", "2"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(first)));
        api.as(key).perform(get("/v1.3/tasks").param("page_limit", "2").param("page", "3"))
                .andExpect(jsonPath("$.data").value(empty()))
                .andExpect(jsonPath("$.page_info.total_results").value(3));
        api.as(key).perform(get("/v1.3/tasks").param("sort_option", "asc"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(first, second, third)));
        api.as(key).perform(get("/v1.3/tasks").param("sort_by", "updated_at"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(first, second, third)));
        api.as(key).perform(get("/v1.3/tasks").param("sort_by", "size")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).perform(get("/v1.3/tasks").param("page_limit", "51")).andExpect(status().isBadRequest());
    }

    @Test
    void filtersNarrowTheListInTheDatabase() throws Exception {
        String key = api.newKey("filters");
        String index = api.as(key).createIndex("Filters");
        String other = api.as(key).createIndex("Other");
        String a = seed(index, "harbour.mp4", "ready", T0, T0);
        String b = seed(index, "pier.mp4", "failed", T0.plusSeconds(86_400), T0.plusSeconds(86_400));
        String c = seed(other, "harbour.mp4", "ready", T0.plusSeconds(60), T0.plusSeconds(2 * 86_400));

        api.as(key).perform(get("/v1.3/tasks").param("index_id", index)).andExpect(jsonPath("$.data[*]._id").value(contains(b, a)));
        api.as(key).perform(get("/v1.3/tasks").param("status", "failed")).andExpect(jsonPath("$.data[*]._id").value(contains(b)));
        api.as(key).perform(get("/v1.3/tasks").param("status", "ready,failed").param("index_id", other))
                .andExpect(jsonPath("$.data[*]._id").value(contains(c)));
        api.as(key).perform(get("/v1.3/tasks").param("status", "indexing")).andExpect(jsonPath("$.data").value(empty()));
        api.as(key).perform(get("/v1.3/tasks").param("status", "uploading")).andExpect(jsonPath("$.data").value(empty()));
        api.as(key).perform(get("/v1.3/tasks").param("status", "failed,uploading")).andExpect(jsonPath("$.data[*]._id").value(contains(b)));
        api.as(key).perform(get("/v1.3/tasks").param("status", "failed,finished"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"))
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.startsWith("status must be one of")));
        api.as(key).perform(get("/v1.3/tasks").param("filename", "harbour.mp4")).andExpect(jsonPath("$.data[*]._id").value(contains(c, a)));
        // at or after the time given (a date: the start of its UTC day), to the second
        api.as(key).perform(get("/v1.3/tasks").param("created_at", "2026-03-01")).andExpect(jsonPath("$.data[*]._id").value(contains(b, c, a)));
        api.as(key).perform(get("/v1.3/tasks").param("created_at", T0.plusSeconds(1).toString()))
                .andExpect(jsonPath("$.data[*]._id").value(contains(b, c)));
        api.as(key).perform(get("/v1.3/tasks").param("created_at", "2026-03-02T08:00:00+02:00"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(b)));
        api.as(key).perform(get("/v1.3/tasks").param("updated_at", "2026-03-03")).andExpect(jsonPath("$.data[*]._id").value(contains(c)));
        api.as(key).perform(get("/v1.3/tasks").param("width", "1280").param("height", "720").param("duration", "12.5"))
                .andExpect(jsonPath("$.page_info.total_results").value(3));
        api.as(key).perform(get("/v1.3/tasks").param("width", "640")).andExpect(jsonPath("$.data").value(empty()));
        api.as(key).perform(get("/v1.3/tasks").param("created_at", "yesterday")).andExpect(status().isBadRequest());
    }

    @Test
    void theTasksPageShowsFiftyANewestFirstAndAPagePastTheEndShowsTheLast() throws Exception {
        MockHttpSession user = signUp(mvc, "Tasks pager", uniqueEmail("pager"));
        String key = ApiKeys.create(mvc, user, "tasks");
        String index = api.as(key).createIndex("Pager");
        String oldest = seed(index, "oldest.mp4", "ready", T0, T0);
        for (int i = 1; i <= 50; i++) {
            seed(index, "clip" + i + ".mp4", "ready", T0.plusSeconds(i), T0.plusSeconds(i));
        }

        mvc.perform(get("/tasks").session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("clip50.mp4")))
                .andExpect(content().string(not(containsString(oldest))))
                .andExpect(content().string(containsString("Page 1 of 2")))
                .andExpect(content().string(containsString("href=\"/tasks?page=2\">Older")));
        mvc.perform(get("/tasks").param("page", "2").session(user))
                .andExpect(content().string(containsString(oldest)))
                .andExpect(content().string(not(containsString("clip50.mp4"))));
        mvc.perform(get("/tasks").param("page", "9").session(user))
                .andExpect(content().string(containsString(oldest)))
                .andExpect(content().string(containsString("Page 2 of 2")));
    }

    private String seed(String index, String filename, String status, Instant createdAt, Instant updatedAt) {
        String id = Ids.newId(createdAt);
        jdbc.sql("""
                insert into video_tasks (id, account_id, index_id, video_id, status, filename, size, duration, fps,
                    width, height, enable_video_stream, created_at, updated_at)
                values (:id, :account, :index, :video, :status, :filename, 1000, 12.5, 25, 1280, 720, true, :created, :updated)""")
                .param("id", id).param("account", accountOf(index)).param("index", index)
                .param("video", Ids.newId(createdAt)).param("status", status).param("filename", filename)
                .param("created", createdAt.atOffset(ZoneOffset.UTC)).param("updated", updatedAt.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }

    private String accountOf(String index) {
        return jdbc.sql("select account_id from indexes where id = :i").param("i", index).query(String.class).single();
    }
}
