package io.atrium.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;

/** Issue 15 item 7: API requests per member and per key, days newest first with quiet ones collapsed, and CSV. */
@IntegrationTest
// the same settings as UsageTest, so both share one application context
@TestPropertySource(properties = {"atrium.usage.flush-interval=100ms",
        "atrium.plans.free.indexing-tasks-per-day=3", "atrium.plans.free.indexing-minutes=1"})
class UsageByCallerTest extends ApplicationTest {

    @Test
    void requestsMadeWithAKeyCountForTheKeyAndTheMemberWhoCreatedIt() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Caller Count");
        Team other = Organizations.team(mvc, jdbc, "Caller Other");
        for (int i = 0; i < 3; i++) {
            api.as(team.memberKey()).get("/v1.3/indexes").andExpect(status().isOk());
        }
        api.as(other.memberKey()).get("/v1.3/indexes").andExpect(status().isOk());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String byMember = api.as(team.adminKey()).get("/api/v1/usage?group_by=member")
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(JsonPath.<List<Integer>>read(byMember,
                    "$.groups[?(@.name == 'Caller Count Member')].api_requests")).containsExactly(3);
            assertThat(JsonPath.<List<String>>read(byMember, "$.groups[*].name"))
                    .doesNotContain("Caller Other Member");
        });
        String byKey = api.as(team.adminKey()).get("/api/v1/usage?group_by=api_key")
                .andExpect(jsonPath("$.group_by").value("api_key"))
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<Integer>>read(byKey, "$.groups[?(@.name == 'member')].api_requests"))
                .containsExactly(3);
        assertThat(JsonPath.<List<String>>read(byKey, "$.groups[?(@.name == 'member')].prefix").get(0))
                .startsWith("atk_");
    }

    @Test
    void onlyAdminsSeeUsagePerCallerOrItsCsv() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Caller Hidden");

        api.as(team.memberKey()).get("/api/v1/usage?group_by=member").andExpect(status().isForbidden());
        api.as(team.memberKey()).get("/api/v1/usage.csv").andExpect(status().isForbidden());
        mvc.perform(get("/settings/usage").param("group_by", "member").session(team.member()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/settings/usage.csv").session(team.member())).andExpect(status().isNotFound());
        api.as(team.adminKey()).get("/api/v1/usage?group_by=team").andExpect(status().isBadRequest());
    }

    @Test
    void thePageListsDaysNewestFirstWithQuietDaysCollapsedAndLinksItsCsv() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Quiet Days");
        api.as(team.adminKey()).get("/v1.3/indexes").andExpect(status().isOk());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String from = today.minusDays(9).toString();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> mvc.perform(get("/settings/usage")
                        .param("from", from).param("to", today.toString()).session(team.admin()))
                .andExpect(content().string(containsString("data-day=\"" + today + "\"")))
                .andExpect(content().string(containsString("9 quiet days, nothing used")))
                .andExpect(content().string(containsString(
                        "href=\"/settings/usage.csv?from=" + from + "&amp;to=" + today + "\""))));

        String csv = mvc.perform(get("/settings/usage.csv").param("from", from).param("to", today.toString())
                        .session(team.admin()))
                .andExpect(header().string("Content-Type", startsWith("text/csv")))
                .andReturn().getResponse().getContentAsString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("date,api_requests,tasks,minutes_indexed,storage_bytes");
        assertThat(lines.get(1)).startsWith(today + ",");
        assertThat(lines).hasSize(11);

        String byMember = api.as(team.adminKey()).get("/api/v1/usage.csv?group_by=member")
                .andReturn().getResponse().getContentAsString();
        assertThat(byMember).startsWith("date,user_id,name,email,api_requests\r\n").contains(",Quiet Days Admin,");
    }
}
