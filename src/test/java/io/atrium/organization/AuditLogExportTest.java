package io.atrium.organization;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.userId;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.TestVideos;

/** Issue 15 item 9: readable details, CSV export, and entries for indexes, videos and failed tasks. */
@IntegrationTest
class AuditLogExportTest extends ApplicationTest {

    @Test
    void theDetailsColumnReadsAsWordsNotStoredFacts() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Ida Admin", uniqueEmail("ida"), "Ledger " + suffix());
        String email = uniqueEmail("promotee");
        addMember(mvc, jdbc, admin, "Pia Promotee", email, "member");
        mvc.perform(post("/settings/members/" + userId(jdbc, email) + "/role").session(admin).with(csrf())
                .param("role", "admin"));

        mvc.perform(get("/settings/audit-log").session(admin))
                .andExpect(content().string(containsString(">Regular user → Administrator</span>")))
                .andExpect(content().string(containsString("href=\"/settings/audit-log.csv\"")));
    }

    @Test
    void thePageExportsWhatItsFilterMatchesAsCsvForAdminsAndIsHiddenFromMembers() throws Exception {
        Organizations.Team team = Organizations.team(mvc, jdbc, "Csv Page");

        String csv = mvc.perform(get("/settings/audit-log.csv").param("action", "member.").session(team.admin()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", startsWith("text/csv")))
                .andExpect(header().string("Content-Disposition", containsString("audit-log.csv")))
                .andReturn().getResponse().getContentAsString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", AuditCsv.HEADER));
        assertThat(lines).anyMatch(line -> line.contains(",member.joined,Joined the organization,"));
        assertThat(lines).noneMatch(line -> line.contains("api_key.created"));

        mvc.perform(get("/settings/audit-log.csv").session(team.member())).andExpect(status().isNotFound());
    }

    @Test
    void theApiExportsCsvOfItsOwnAccountOnlyAndRefusesAMembersKey() throws Exception {
        Organizations.Team team = Organizations.team(mvc, jdbc, "Csv Api");
        Organizations.Team other = Organizations.team(mvc, jdbc, "Csv Other");

        String csv = api.as(team.adminKey()).get("/api/v1/audit-log.csv")
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", startsWith("text/csv")))
                .andReturn().getResponse().getContentAsString();
        assertThat(csv).contains(team.name()).doesNotContain(other.name());

        api.as(team.memberKey()).get("/api/v1/audit-log.csv").andExpect(status().isForbidden());
        api.as(team.adminKey()).get("/api/v1/audit-log.csv?from=2026-13-01").andExpect(status().isBadRequest());
    }

    @Test
    void indexesAndVideosCreatedAndDeletedAndFailedTasksAreRecorded() throws Exception {
        Organizations.Team team = Organizations.team(mvc, jdbc, "Media Log");
        var caller = api.as(team.memberKey());
        String index = caller.createIndex("Lectures " + suffix());
        String video = caller.readyVideo(index, TestVideos.shared("audit.mp4", 5), null);
        String failed = JsonPath.read(caller.upload(index, TestVideos.tooShort(), null)
                .andReturn().getResponse().getContentAsString(), "$._id");
        caller.awaitTaskStatus(failed, "failed");
        caller.delete("/v1.3/indexes/" + index + "/videos/" + video).andExpect(status().isOk());
        caller.delete("/v1.3/indexes/" + index).andExpect(status().isOk());

        String csv = api.as(team.adminKey()).get("/api/v1/audit-log.csv").andReturn().getResponse()
                .getContentAsString();
        assertThat(csv).contains(",index.created,Created an index,Lectures ")
                .contains(",video.created,Indexed a video,audit.mp4,")
                .contains(",video.task_failed,")
                .contains("The video is shorter than")
                .contains(",video.deleted,Deleted a video,audit.mp4,")
                .contains(",index.deleted,Deleted an index with its videos,Lectures ");
        mvc.perform(get("/settings/audit-log").param("action", "video.").session(team.admin()))
                .andExpect(content().string(containsString("Could not index a video (the task failed)")));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
