package io.atrium.video;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.atrium.shared.Ids;
import io.atrium.testsupport.ApiClient;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.TestVideos;

/**
 * {@code GET /v1.3/indexes/{index_id}/videos}: filtered, sorted and paged in the database (api.md, Videos and
 * the list conventions). Videos whose only role is to be listed are written straight into the table, so their
 * times can be chosen; videos whose user metadata is filtered on are uploaded and merged through the API.
 */
@IntegrationTest
class VideoListingTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    static Path files;
    static Path fiveSeconds;

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void makeVideo() throws Exception {
        fiveSeconds = TestVideos.testPattern(files, "clip.mp4", 5, 640, 360, 25);
    }

    @Test
    void videosArePagedNewestFirstByDefaultInEitherOrderWithTheIdBreakingTies() throws Exception {
        String key = api.newKey("paging");
        String index = api.as(key).createIndex("Paging");
        String first = seed(index, "a.mp4", 10, 30.0, 1280, 720, 1000, T0, T0.plusSeconds(50));
        String second = seed(index, "b.mp4", 10, 30.0, 1280, 720, 1000, T0.plusSeconds(10), T0.plusSeconds(40));
        // Two videos created at the same instant: the id decides, in the same direction as the time.
        String tieLow = seed(index, "c.mp4", 10, 30.0, 1280, 720, 1000, T0.plusSeconds(20), T0.plusSeconds(30), "0");
        String tieHigh = seed(index, "d.mp4", 10, 30.0, 1280, 720, 1000, T0.plusSeconds(20), T0.plusSeconds(20), "f");
        String last = seed(index, "e.mp4", 10, 30.0, 1280, 720, 1000, T0.plusSeconds(30), T0.plusSeconds(10));
        String list = "/v1.3/indexes/" + index + "/videos";

        api.as(key).get(list).andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*]._id").value(contains(last, tieHigh, tieLow, second, first)))
                .andExpect(jsonPath("$.page_info.limit_per_page").value(10))
                .andExpect(jsonPath("$.page_info.page").value(1))
                .andExpect(jsonPath("$.page_info.total_page").value(1))
                .andExpect(jsonPath("$.page_info.total_results").value(5));
        api.as(key).perform(get(list).param("page_limit", "2"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(last, tieHigh)))
                .andExpect(jsonPath("$.page_info.total_page").value(3))
                .andExpect(jsonPath("$.page_info.total_results").value(5));
        api.as(key).perform(get(list).param("page_limit", "2").param("page", "2"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(tieLow, second)));
        api.as(key).perform(get(list).param("page_limit", "2").param("page", "3"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(first)))
                .andExpect(jsonPath("$.page_info.page").value(3))
                .andExpect(jsonPath("$.page_info.total_results").value(5));
        api.as(key).perform(get(list).param("page_limit", "2").param("page", "4")).andExpect(status().isOk())
                .andExpect(jsonPath("$.data").value(empty()))
                .andExpect(jsonPath("$.page_info.page").value(4))
                .andExpect(jsonPath("$.page_info.total_page").value(3))
                .andExpect(jsonPath("$.page_info.total_results").value(5));
        api.as(key).perform(get(list).param("sort_option", "asc"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(first, second, tieLow, tieHigh, last)));
        api.as(key).perform(get(list).param("sort_by", "updated_at"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(first, second, tieLow, tieHigh, last)));
        api.as(key).perform(get(list).param("sort_by", "updated_at").param("sort_option", "asc").param("page_limit", "3"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(last, tieHigh, tieLow)));
        api.as(key).perform(get(list).param("page", "2147483647").param("page_limit", "50")).andExpect(status().isOk())
                .andExpect(jsonPath("$.data").value(empty()))
                .andExpect(jsonPath("$.page_info.total_results").value(5));
    }

    @Test
    void itemsShowSystemMetadataWithoutUserMetadataOrLinks() throws Exception {
        String key = api.newKey("items");
        String index = api.as(key).createIndex("Items");
        String id = seed(index, "talk.mov", 61.5, null, null, null, 123456789012L, T0, T0.plusSeconds(5));

        api.as(key).get("/v1.3/indexes/" + index + "/videos")
                .andExpect(jsonPath("$.data[0]._id").value(id))
                .andExpect(jsonPath("$.data[0].created_at").value("2026-03-01T10:00:00Z"))
                .andExpect(jsonPath("$.data[0].updated_at").value("2026-03-01T10:00:05Z"))
                .andExpect(jsonPath("$.data[0].indexed_at").value("2026-03-01T10:00:05Z"))
                .andExpect(jsonPath("$.data[0].system_metadata.filename").value("talk.mov"))
                .andExpect(jsonPath("$.data[0].system_metadata.duration").value(61.5))
                .andExpect(jsonPath("$.data[0].system_metadata.fps").value(nullValue()))
                .andExpect(jsonPath("$.data[0].system_metadata.width").value(nullValue()))
                .andExpect(jsonPath("$.data[0].system_metadata.height").value(nullValue()))
                .andExpect(jsonPath("$.data[0].system_metadata.size").value(123456789012L))
                .andExpect(jsonPath("$.data[0].user_metadata").doesNotExist())
                .andExpect(jsonPath("$.data[0].hls").doesNotExist());
    }

    @Test
    void numbersFilterExactlyOrWithinRangesAndAVideoWithoutTheNumberNeverMatches() throws Exception {
        String key = api.newKey("ranges");
        String index = api.as(key).createIndex("Ranges");
        String shortClip = seed(index, "short.mp4", 5, 25.0, 640, 360, 2_000, T0, T0);
        String longClip = seed(index, "long.mp4", 600, 29.97, 1920, 1080, 900_000, T0.plusSeconds(1), T0.plusSeconds(1));
        String unknown = seed(index, "audio.mp4", 60, null, null, null, 50_000, T0.plusSeconds(2), T0.plusSeconds(2));
        String list = "/v1.3/indexes/" + index + "/videos";

        api.as(key).perform(get(list).param("duration[gte]", "5").param("duration[lte]", "60"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(unknown, shortClip)))
                .andExpect(jsonPath("$.page_info.total_results").value(2));
        api.as(key).perform(get(list).param("duration", "600")).andExpect(jsonPath("$.data[*]._id").value(contains(longClip)));
        api.as(key).perform(get(list).param("fps", "29.97")).andExpect(jsonPath("$.data[*]._id").value(contains(longClip)));
        api.as(key).perform(get(list).param("fps[lte]", "1000")).andExpect(jsonPath("$.data[*]._id").value(contains(longClip, shortClip)));
        api.as(key).perform(get(list).param("width[gte]", "641")).andExpect(jsonPath("$.data[*]._id").value(contains(longClip)));
        api.as(key).perform(get(list).param("height", "360.0")).andExpect(jsonPath("$.data[*]._id").value(contains(shortClip)));
        api.as(key).perform(get(list).param("size[lte]", "50000").param("size[gte]", "50000"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(unknown)));
        api.as(key).perform(get(list).param("filename", "long.mp4")).andExpect(jsonPath("$.data[*]._id").value(contains(longClip)));
        api.as(key).perform(get(list).param("filename", "LONG.mp4")).andExpect(jsonPath("$.data").value(empty()))
                .andExpect(jsonPath("$.page_info.total_results").value(0))
                .andExpect(jsonPath("$.page_info.total_page").value(0));
        api.as(key).perform(get(list).param("duration[lte]", "NaN")).andExpect(jsonPath("$.data").value(empty()));
        api.as(key).perform(get(list).param("duration[lte]", "Infinity")).andExpect(jsonPath("$.page_info.total_results").value(3));
        api.as(key).perform(get(list).param("duration[gte]", "5").param("page_limit", "1").param("page", "2"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(longClip)))
                .andExpect(jsonPath("$.page_info.total_page").value(3));
    }

    @Test
    void userMetadataFiltersMatchTheValueAsTextNumbersAsNumbersAndFollowMerges() throws Exception {
        String key = api.newKey("metafilter");
        String index = api.as(key).createIndex("Metadata filters");
        String news = api.as(key).readyVideo(index, fiveSeconds, "{\"category\":\"news\",\"minute\":12,\"live\":true,\"score\":2.50}");
        String sport = api.as(key).readyVideo(index, fiveSeconds, "{\"category\":\"sport\",\"minute\":12}");
        String plain = api.as(key).readyVideo(index, fiveSeconds, null);
        String list = "/v1.3/indexes/" + index + "/videos";

        api.as(key).get(list).andExpect(jsonPath("$.data[*]._id").value(contains(plain, sport, news)));
        api.as(key).perform(get(list).param("category", "news")).andExpect(jsonPath("$.data[*]._id").value(contains(news)))
                .andExpect(jsonPath("$.page_info.total_results").value(1));
        api.as(key).perform(get(list).param("minute", "12")).andExpect(jsonPath("$.data[*]._id").value(contains(sport, news)));
        api.as(key).perform(get(list).param("minute", "12").param("category", "sport"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(sport)));
        api.as(key).perform(get(list).param("live", "true")).andExpect(jsonPath("$.data[*]._id").value(contains(news)));
        api.as(key).perform(get(list).param("score", "2.5")).andExpect(jsonPath("$.data[*]._id").value(contains(news)));
        api.as(key).perform(get(list).param("score", "2.50")).andExpect(jsonPath("$.data[*]._id").value(contains(news)));
        api.as(key).perform(get(list).param("minute", "12.0")).andExpect(jsonPath("$.data[*]._id").value(contains(sport, news)));
        api.as(key).perform(get(list).param("minute", "1.2e1")).andExpect(jsonPath("$.data[*]._id").value(contains(sport, news)));
        api.as(key).perform(get(list).param("category", "News")).andExpect(jsonPath("$.data").value(empty()));
        api.as(key).perform(get(list).param("colour", "news")).andExpect(jsonPath("$.data").value(empty()));
        api.as(key).perform(get(list).param("minute", "12").param("page_limit", "1").param("page", "2"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(news)))
                .andExpect(jsonPath("$.page_info.total_results").value(2));

        api.as(key).patch(list + "/" + news, "{\"user_metadata\":{\"category\":null,\"minute\":13}}").andExpect(status().isOk());
        api.as(key).patch(list + "/" + plain, "{\"user_metadata\":{\"category\":\"news\"}}").andExpect(status().isOk());

        api.as(key).perform(get(list).param("category", "news")).andExpect(jsonPath("$.data[*]._id").value(contains(plain)));
        api.as(key).perform(get(list).param("minute", "12")).andExpect(jsonPath("$.data[*]._id").value(contains(sport)));
        api.as(key).perform(get(list).param("minute", "13").param("live", "true")).andExpect(jsonPath("$.data[*]._id").value(contains(news)));
    }

    @Test
    void onlyTheCallersRowsAreListedEvenWhenAnotherAccountsRowsNameTheIndexOrTheVideo() throws Exception {
        String key = api.newKey("metaowner");
        String index = api.as(key).createIndex("Owner's");
        String video = api.as(key).readyVideo(index, fiveSeconds, "{\"team\":\"red\"}");
        String strangerKey = api.newKey("metastranger");
        String strangerIndex = api.as(strangerKey).createIndex("Stranger's");
        String strangerAccount = accountOf(strangerIndex);
        String strangerVideo = seed(strangerIndex, "x.mp4", 10, 25.0, 640, 360, 10, T0, T0);
        // Rows of the stranger's account that point at the owner's index and video (no API can make these)
        jdbc.sql("insert into video_metadata (video_id, account_id, index_id, name, value_text, value_key) "
                        + "values (:v, :a, :i, 'club', 'blue', 'blue')")
                .param("v", video).param("a", strangerAccount).param("i", index).update();
        jdbc.sql("update videos set index_id = :i where id = :v").param("i", index).param("v", strangerVideo).update();

        api.as(key).perform(get("/v1.3/indexes/" + index + "/videos").param("club", "blue")).andExpect(jsonPath("$.data").value(empty()));
        api.as(key).perform(get("/v1.3/indexes/" + index + "/videos").param("team", "red"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(video)));
        api.as(strangerKey).get("/v1.3/indexes/" + index + "/videos").andExpect(status().isNotFound());
    }

    @Test
    void badPagingAndNumbersAnswer400WithTheConventionsCodes() throws Exception {
        String key = api.newKey("badpaging");
        String list = "/v1.3/indexes/" + api.as(key).createIndex("Strict") + "/videos";

        expectInvalid(api.as(key).perform(get(list).param("page", "0")), "page must be 1 or more.");
        expectInvalid(api.as(key).perform(get(list).param("page", "first")), "page must be a whole number.");
        expectInvalid(api.as(key).perform(get(list).param("page_limit", "51")), "page_limit must be between 1 and 50.");
        expectInvalid(api.as(key).perform(get(list).param("page_limit", "0")), "page_limit must be between 1 and 50.");
        expectInvalid(api.as(key).perform(get(list).param("sort_by", "filename")), "sort_by must be created_at or updated_at.");
        expectInvalid(api.as(key).perform(get(list).param("sort_option", "up")), "sort_option must be asc or desc.");
        expectInvalid(api.as(key).perform(get(list).param("width[gte]", "wide")), "width[gte] must be a number.");
        api.as(key).get("/v1.3/indexes/0123456789abcdef01234567/videos").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("resource_not_exist"));
    }

    private static void expectInvalid(ResultActions result, String message) throws Exception {
        result.andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"))
                .andExpect(jsonPath("$.message").value(message));
    }

    private String seed(String index, String filename, double duration, Double fps, Integer width, Integer height,
            long size, Instant createdAt, Instant updatedAt) {
        return seed(index, filename, duration, fps, width, height, size, createdAt, updatedAt, null);
    }

    /** A video row as the task worker writes it, at chosen times; {@code idStart} fixes the id's first digit. */
    private String seed(String index, String filename, double duration, Double fps, Integer width, Integer height,
            long size, Instant createdAt, Instant updatedAt, String idStart) {
        String id = Ids.newId(createdAt);
        if (idStart != null) {
            id = idStart + id.substring(1);
        }
        jdbc.sql("""
                insert into videos (id, account_id, index_id, filename, duration, fps, width, height, size,
                    created_at, updated_at, indexed_at)
                values (:id, :account, :index, :filename, :duration, :fps, :width, :height, :size, :created, :updated, :updated)""")
                .param("id", id).param("account", accountOf(index)).param("index", index).param("filename", filename)
                .param("duration", duration).param("fps", fps).param("width", width).param("height", height)
                .param("size", size).param("created", createdAt.atOffset(ZoneOffset.UTC))
                .param("updated", updatedAt.atOffset(ZoneOffset.UTC))
                .update();
        // the index's totals and list version as the video feature keeps them with a video it adds
        jdbc.sql("""
                update indexes set video_count = video_count + 1, video_list_version = nextval('video_list_versions'),
                    video_duration_us = video_duration_us + :micros
                where id = :index""").param("micros", Math.round(duration * 1_000_000)).param("index", index).update();
        return id;
    }

    private String accountOf(String index) {
        return jdbc.sql("select account_id from indexes where id = :i").param("i", index).query(String.class).single();
    }
}
