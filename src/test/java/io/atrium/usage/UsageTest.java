package io.atrium.usage;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;
import io.atrium.testsupport.TestVideos;

/** Usage per account and day (R-PLAN-3) matches what was done; the plan's indexing limits hold. */
@IntegrationTest
@TestPropertySource(properties = {"atrium.usage.flush-interval=100ms",
        "atrium.plans.free.indexing-tasks-per-day=3", "atrium.plans.free.indexing-minutes=1"})
class UsageTest extends ApplicationTest {

    static final Path clip = TestVideos.shared("dock.mp4", 6);
    static final Path minuteAndABit = TestVideos.shared("long-take.mp4", 62, 640, 360, 10);

    @Autowired
    UsageService usage;

    @Test
    void usageCountsRequestsTasksMinutesAndStorageOfTheDay() throws Exception {
        MockHttpSession owner = signUp(mvc, "Usage Owner", uniqueEmail("usageowner"));
        String key = ApiKeys.create(mvc, owner, "usage");
        String account = accountOf("Usage Owner");
        String index = api.as(key).createIndex("Docks");
        String videoId = JsonPath.read(api.as(key).upload(index, clip, null).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$.video_id");
        for (int i = 0; i < 3; i++) {
            api.as(key).get("/v1.3/indexes").andExpect(status().isOk());
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        // 5 requests so far: the index, the upload, three lists
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            UsageService.DayUsage day = usage.report(account, today, today).days().get(0);
            assertThat(day.apiRequests()).isEqualTo(5);
            assertThat(day.tasks()).isEqualTo(1);
            assertThat(day.minutesIndexed()).isBetween(0.09, 0.11);
            assertThat(day.storageBytes()).isEqualTo(Files.size(clip));
        });
        api.as(key).get("/api/v1/usage?from=" + today + "&to=" + today)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0].date").value(today))
                .andExpect(jsonPath("$.data[0].tasks").value(1))
                .andExpect(jsonPath("$.data[0].storage_bytes").value(Files.size(clip)))
                .andExpect(jsonPath("$.totals.api_requests").value(5));
        mvc.perform(get("/settings/usage").session(owner)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Minutes indexed")))
                .andExpect(content().string(containsString("data-usage=")));

        api.as(key).delete("/v1.3/indexes/" + index + "/videos/" + videoId)
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(usage.report(account, today, today).days().get(0).storageBytes()).isZero());
        assertThat(usage.report(account, null, null).days()).hasSize(30);
        api.as(key).get("/api/v1/usage?from=2026-13-01").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).get("/api/v1/usage?from=2026-02-01&to=2026-01-01")
                .andExpect(status().isBadRequest());
    }

    @Test
    void anAssetsFileIsStoredOnceHoweverOftenItIsIndexed() throws Exception {
        MockHttpSession owner = signUp(mvc, "Asset Keeper", uniqueEmail("assetkeeper"));
        String key = ApiKeys.create(mvc, owner, "assets");
        String account = accountOf("Asset Keeper");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String asset = api.as(key).readyAsset(clip);
        for (String name : new String[] {"Once", "Twice"}) {
            String index = api.as(key).createIndex(name);
            api.as(key).post("/v1.3/indexes/" + index + "/indexed-assets", "{\"asset_id\":\"" + asset + "\"}")
                    .andExpect(status().isAccepted());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            UsageService.DayUsage day = usage.report(account, today, today).days().get(0);
            assertThat(day.minutesIndexed()).isBetween(0.19, 0.21);
            assertThat(day.storageBytes()).isEqualTo(Files.size(clip));
        });
        api.as(key).delete("/v1.3/assets/" + asset + "?force=true").andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(usage.report(account, today, today).days().get(0).storageBytes()).isZero());
    }

    @Test
    void onlyAdminsSeeAnOrganizationsUsageAndEachAccountCountsItsOwn() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Usage");

        mvc.perform(get("/settings/usage").session(team.member())).andExpect(status().isNotFound());
        api.as(team.memberKey()).get("/api/v1/usage").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        mvc.perform(get("/settings/usage").session(team.admin())).andExpect(status().isOk());
        String organization = jdbc.sql("select account_id from api_keys where name = 'admin' and created_by_user_id = "
                + "(select id from users where name = 'Usage Admin')").query(String.class).single();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        // the member's call (refused for its role, but made with a valid key) and the admin's are the organization's
        api.as(team.adminKey()).get("/api/v1/usage").andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(usage.report(organization, today, today).days().get(0).apiRequests()).isEqualTo(2));
        String personal = accountOf("Usage Member");
        assertThat(usage.report(personal, today, today).days().get(0).apiRequests()).isZero();
    }

    @Test
    void aWrongRangeOnTheUsagePageIsExplainedInWordsAndTheDaysAreMarkedUpForTheViewersLocale() throws Exception {
        MockHttpSession owner = signUp(mvc, "Range Reader", uniqueEmail("range"));

        String page = mvc.perform(get("/settings/usage").param("from", "2026-02-01").param("to", "2026-01-01").session(owner))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("The start date must be on or before the end date.").doesNotContain("from must be")
                .containsPattern("<time data-format=\"day\" datetime=\"\\d{4}-\\d{2}-\\d{2}\">");
        mvc.perform(get("/settings/usage").param("from", "soon").session(owner))
                .andExpect(content().string(containsString("The start date must be a date such as 2026-11-01.")));
    }

    @Test
    void thePlansDailyTasksAndIndexedMinutesAreEnforcedWhenATaskIsCreated() throws Exception {
        String busy = ApiKeys.create(mvc, signUp(mvc, "Busy Uploader", uniqueEmail("busy")), "busy");
        String busyIndex = api.as(busy).createIndex("Busy");
        for (int i = 0; i < 3; i++) {
            api.as(busy).upload(busyIndex, clip, null).andExpect(status().isCreated());
        }
        api.as(busy).upload(busyIndex, clip, null).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("too_many_requests"))
                .andExpect(jsonPath("$.message").value(containsString("3 indexing tasks a day")));

        String long1 = ApiKeys.create(mvc, signUp(mvc, "Long Uploader", uniqueEmail("longtake")), "long");
        String longIndex = api.as(long1).createIndex("Long");
        String task = JsonPath.read(api.as(long1).upload(longIndex, minuteAndABit, null).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$._id");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.as(long1).get("/v1.3/tasks/" + task)
                .andExpect(jsonPath("$.status").value("ready")));
        api.as(long1).upload(longIndex, clip, null).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.message").value(containsString("1 minutes of indexed video")));
    }

    private String accountOf(String userName) {
        return jdbc.sql("select id from accounts where personal_of_user_id = (select id from users where name = :name)")
                .param("name", userName).query(String.class).single();
    }
}
