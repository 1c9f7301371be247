package io.atrium.plan;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.TestVideos;

/** Issue 15 item 6: the plan's limits with what the account uses of them, and a plan change that asks first. */
@IntegrationTest
class BillingPageTest extends ApplicationTest {

    @Test
    void thePageShowsWhatTheAccountUsesOfEachQuotaOfItsPlan() throws Exception {
        Organizations.Team team = Organizations.team(mvc, jdbc, "Quota Watch");
        var caller = api.as(team.adminKey());
        caller.readyVideo(caller.createIndex("Quota"), TestVideos.shared("quota.mp4", 6), null);

        mvc.perform(get("/settings/billing").session(team.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">0.1 of 600 indexed minutes<")))
                .andExpect(content().string(containsString(">1 of 500 tasks<")))
                // the upload was the one call of the upload category today; the rate limiter counted it
                .andExpect(content().string(containsString("id=\"usage-requests-upload\">1 of 2,000 today")));
    }

    @Test
    void aPlanChangeAsksFirstShowingTheLimitsThatChange() throws Exception {
        MockHttpSession owner = signUp(mvc, "Penny Planner", uniqueEmail("planner"));

        mvc.perform(get("/settings/billing").session(owner))
                .andExpect(content().string(containsString("href=\"/settings/billing/change?plan=developer\"")));
        mvc.perform(get("/settings/billing/change").param("plan", "developer").session(owner))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Switch to Developer?")))
                .andExpect(content().string(containsString("<th scope=\"row\">Indexing tasks</th>")))
                .andExpect(content().string(not(containsString("Kept until deleted</td>\n                <td>Kept until deleted"))))
                .andExpect(content().string(containsString("name=\"plan\" value=\"developer\"")));
        mvc.perform(get("/settings/billing/change").param("plan", "platinum").session(owner))
                .andExpect(status().isNotFound());
    }

    @Test
    void aMemberCannotSeeThePlanChange() throws Exception {
        Organizations.Team team = Organizations.team(mvc, jdbc, "Plan Hidden");
        mvc.perform(get("/settings/billing/change").param("plan", "developer").session(team.member()))
                .andExpect(status().isNotFound());
    }
}
