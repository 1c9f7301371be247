package io.atrium.video;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import io.atrium.shared.Ids;
import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;

/**
 * {@code GET /v1.3/tasks}: filtered, sorted and paged in the database. Tasks whose only role is to be listed are
 * written straight into the table (finished, so no worker takes them), so that their times can be chosen.
 */
@IntegrationTest
class TaskListingTest {

    private static final String INDEX = "{\"index_name\":\"%s\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}]}";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void tasksArePagedNewestFirstByDefaultInEitherOrderAndOnlyTheAccountsOwn() throws Exception {
        String key = newKey("paging");
        String index = index(key, "Paging");
        String first = seed(index, "a.mp4", "ready", T0, T0.plusSeconds(50));
        String second = seed(index, "b.mp4", "failed", T0.plusSeconds(10), T0.plusSeconds(40));
        String third = seed(index, "c.mp4", "ready", T0.plusSeconds(20), T0.plusSeconds(30));
        String stranger = newKey("stranger");
        seed(index(stranger, "Elsewhere"), "z.mp4", "ready", T0.plusSeconds(5), T0.plusSeconds(5));

        api(get("/v1.3/tasks"), key).andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*]._id").value(contains(third, second, first)))
                .andExpect(jsonPath("$.page_info.total_results").value(3));
        api(get("/v1.3/tasks").param("page_limit", "2"), key)
                .andExpect(jsonPath("$.data[*]._id").value(contains(third, second)))
                .andExpect(jsonPath("$.page_info.total_page").value(2))
                .andExpect(jsonPath("$.page_info.total_results").value(3));
        api(get("/v1.3/tasks").param("page_limit", "2").param("page", "2"), key)
                .andExpect(jsonPath("$.data[*]._id").value(contains(first)));
        api(get("/v1.3/tasks").param("page_limit", "2").param("page", "3"), key)
                .andExpect(jsonPath("$.data").value(empty()))
                .andExpect(jsonPath("$.page_info.total_results").value(3));
        api(get("/v1.3/tasks").param("sort_option", "asc"), key)
                .andExpect(jsonPath("$.data[*]._id").value(contains(first, second, third)));
        api(get("/v1.3/tasks").param("sort_by", "updated_at"), key)
                .andExpect(jsonPath("$.data[*]._id").value(contains(first, second, third)));
        api(get("/v1.3/tasks").param("sort_by", "size"), key).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_invalid"));
        api(get("/v1.3/tasks").param("page_limit", "51"), key).andExpect(status().isBadRequest());
    }

    @Test
    void filtersNarrowTheListInTheDatabase() throws Exception {
        String key = newKey("filters");
        String index = index(key, "Filters");
        String other = index(key, "Other");
        String a = seed(index, "harbour.mp4", "ready", T0, T0);
        String b = seed(index, "pier.mp4", "failed", T0.plusSeconds(86_400), T0.plusSeconds(86_400));
        String c = seed(other, "harbour.mp4", "ready", T0.plusSeconds(60), T0.plusSeconds(2 * 86_400));

        api(get("/v1.3/tasks").param("index_id", index), key).andExpect(jsonPath("$.data[*]._id").value(contains(b, a)));
        api(get("/v1.3/tasks").param("status", "failed"), key).andExpect(jsonPath("$.data[*]._id").value(contains(b)));
        api(get("/v1.3/tasks").param("status", "ready,failed").param("index_id", other), key)
                .andExpect(jsonPath("$.data[*]._id").value(contains(c)));
        api(get("/v1.3/tasks").param("status", "indexing"), key).andExpect(jsonPath("$.data").value(empty()));
        api(get("/v1.3/tasks").param("filename", "harbour.mp4"), key).andExpect(jsonPath("$.data[*]._id").value(contains(c, a)));
        api(get("/v1.3/tasks").param("created_at", "2026-03-01"), key).andExpect(jsonPath("$.data[*]._id").value(contains(c, a)));
        api(get("/v1.3/tasks").param("created_at", "2026-03-02T08:00:00+02:00"), key)
                .andExpect(jsonPath("$.data[*]._id").value(contains(b)));
        api(get("/v1.3/tasks").param("updated_at", "2026-03-03"), key).andExpect(jsonPath("$.data[*]._id").value(contains(c)));
        api(get("/v1.3/tasks").param("width", "1280").param("height", "720").param("duration", "12.5"), key)
                .andExpect(jsonPath("$.page_info.total_results").value(3));
        api(get("/v1.3/tasks").param("width", "640"), key).andExpect(jsonPath("$.data").value(empty()));
        api(get("/v1.3/tasks").param("created_at", "yesterday"), key).andExpect(status().isBadRequest());
    }

    @Test
    void theTasksPageShowsFiftyANewestFirstAndAPagePastTheEndShowsTheLast() throws Exception {
        MockHttpSession user = signUp(mvc, "Tasks pager", uniqueEmail("pager"));
        String key = ApiKeys.create(mvc, user, "tasks");
        String index = index(key, "Pager");
        String oldest = seed(index, "oldest.mp4", "ready", T0, T0);
        for (int i = 1; i <= 50; i++) {
            seed(index, "clip" + i + ".mp4", "ready", T0.plusSeconds(i), T0.plusSeconds(i));
        }

        mvc.perform(get("/tasks").session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("clip50.mp4")))
                .andExpect(content().string(not(containsString(oldest))))
                .andExpect(content().string(containsString("Page 1 of 2")));
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

    private String index(String key, String name) throws Exception {
        String body = api(post("/v1.3/indexes").contentType(MediaType.APPLICATION_JSON).content(INDEX.formatted(name)), key)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$._id");
    }

    private String newKey(String who) throws Exception {
        return ApiKeys.create(mvc, signUp(mvc, "Tasks " + who, uniqueEmail(who)), "tasks");
    }

    private ResultActions api(AbstractMockHttpServletRequestBuilder<?> request, String key) throws Exception {
        return mvc.perform(request.header("x-api-key", key));
    }
}
