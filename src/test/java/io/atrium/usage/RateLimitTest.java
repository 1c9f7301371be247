package io.atrium.usage;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;
import io.atrium.testsupport.MutableClock;

/** Rate limits per account in aggregate (R-PLAN-2), with small limits and a clock the test moves. */
@IntegrationTest
@TestPropertySource(properties = {
        "atrium.plans.free.rate-limits.management.per-minute=5", "atrium.plans.free.rate-limits.management.per-day=8",
        "atrium.plans.free.rate-limits.resources.per-minute=3", "atrium.plans.free.rate-limits.upload.per-minute=4",
        "atrium.plans.developer.rate-limits.management.per-minute=50"})
class RateLimitTest extends ApplicationTest {

    @TestConfiguration
    static class MovableTime {
        @Bean
        @Primary
        MutableClock movableClock() {
            // the start of a minute, so the test's requests all fall in one window until it moves the clock
            return new MutableClock(Instant.ofEpochSecond((Instant.now().getEpochSecond() / 60 + 1) * 60 + 1));
        }
    }

    @Autowired
    MutableClock clock;

    @Test
    void everyAuthenticatedResponseCarriesTheHeadersOfItsCategorysWindow() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Header Reader", uniqueEmail("headers")), "headers");
        long reset = (clock.instant().getEpochSecond() / 60 + 1) * 60;

        mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(status().isOk())
                .andExpect(header().string("X-Ratelimit-Limit", "5"))
                .andExpect(header().string("X-Ratelimit-Used", "1"))
                .andExpect(header().string("X-Ratelimit-Remaining", "4"))
                .andExpect(header().string("X-Ratelimit-Reset", Long.toString(reset)));
        mvc.perform(get("/v1.3/indexes").header("x-api-key", key))
                .andExpect(header().string("X-Ratelimit-Limit", "3"))
                .andExpect(header().string("X-Ratelimit-Used", "1"));
        mvc.perform(get("/v1.3/indexes/0123456789abcdef01234567").header("x-api-key", key)).andExpect(status().isNotFound())
                .andExpect(header().string("X-Ratelimit-Used", "2"));
        mvc.perform(get("/api/v1/account")).andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("X-Ratelimit-Limit"));
    }

    @Test
    void startingAnAssetUploadOrTheIndexingOfAnAssetCountsAsAnUpload() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Asset Uploader", uniqueEmail("assetlimits")), "assets");
        mvc.perform(post("/v1.3/assets").header("x-api-key", key).contentType("multipart/form-data; boundary=x")
                        .content("--x--\r\n"))
                .andExpect(header().string("X-Ratelimit-Limit", "4")).andExpect(header().string("X-Ratelimit-Used", "1"));
        mvc.perform(post("/v1.3/assets/multipart-uploads").header("x-api-key", key).contentType("application/json")
                        .content("{}"))
                .andExpect(header().string("X-Ratelimit-Limit", "4")).andExpect(header().string("X-Ratelimit-Used", "2"));
        mvc.perform(post("/v1.3/indexes/0123456789abcdef01234567/indexed-assets").header("x-api-key", key)
                        .contentType("application/json").content("{\"asset_id\":\"0123456789abcdef01234567\"}"))
                .andExpect(header().string("X-Ratelimit-Limit", "4")).andExpect(header().string("X-Ratelimit-Used", "3"));
        mvc.perform(get("/v1.3/assets").header("x-api-key", key))
                .andExpect(header().string("X-Ratelimit-Limit", "3")).andExpect(header().string("X-Ratelimit-Used", "1"));
    }

    @Test
    void allMembersAndKeysOfAnOrganizationShareOneBudgetAndPersonalAccountsKeepTheirOwn() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Budget");
        String secondAdminKey = ApiKeys.create(mvc, team.admin(), "admin 2");

        for (String key : new String[] {team.adminKey(), team.memberKey(), secondAdminKey, team.memberKey(), team.adminKey()}) {
            mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(status().isOk());
        }
        MvcResult refused = mvc.perform(get("/api/v1/account").header("x-api-key", secondAdminKey))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("too_many_requests"))
                .andExpect(header().string("X-Ratelimit-Remaining", "0"))
                .andExpect(header().string("X-Ratelimit-Used", "5"))
                .andExpect(header().exists("Retry-After"))
                .andReturn();
        assertThat(refused.getResponse().getContentAsString()).contains("5 management requests this minute");

        // the admin's personal account has a budget of its own
        mvc.perform(post("/accounts/switch").session(team.admin()).with(csrf())
                .param("accountId", jdbc.sql("select id from accounts where kind = 'personal' and personal_of_user_id = "
                        + "(select id from users where name = 'Budget Admin')").query(String.class).single())
                .param("returnTo", "/"));
        String personalKey = ApiKeys.create(mvc, team.admin(), "personal");
        mvc.perform(get("/api/v1/account").header("x-api-key", personalKey)).andExpect(status().isOk())
                .andExpect(header().string("X-Ratelimit-Used", "1"));
        mvc.perform(get("/api/v1/account").header("x-api-key", team.memberKey())).andExpect(status().isTooManyRequests());
    }

    @Test
    void aNewMinuteRestoresTheMinuteButTheDayStaysSpentAndRefusedCallsDoNotSpendIt() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Day Spender", uniqueEmail("dayspender")), "day");
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(status().isOk());
        }
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(status().isTooManyRequests());
        }

        clock.advance(Duration.ofMinutes(1));
        long midnight = (clock.instant().getEpochSecond() / 86_400 + 1) * 86_400;
        mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(status().isOk())
                .andExpect(header().string("X-Ratelimit-Limit", "8"))
                .andExpect(header().string("X-Ratelimit-Remaining", "2"))
                .andExpect(header().string("X-Ratelimit-Reset", Long.toString(midnight)));
        mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(status().isOk())
                .andExpect(header().string("X-Ratelimit-Remaining", "0"));
        mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.message").value(org.hamcrest.Matchers.containsString("8 management requests this day")))
                .andExpect(header().string("X-Ratelimit-Reset", Long.toString(midnight)));
    }

    @Test
    void changingThePlanOnBillingAndPlanChangesTheLimitsAtOnce() throws Exception {
        MockHttpSession owner = signUp(mvc, "Plan Changer", uniqueEmail("planchanger"));
        String key = ApiKeys.create(mvc, owner, "plan");
        mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(header().string("X-Ratelimit-Limit", "5"))
                .andExpect(jsonPath("$.plan").value("free"));

        mvc.perform(get("/settings/billing").session(owner)).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("Switch to Developer")));
        mvc.perform(post("/settings/billing").session(owner).with(csrf()).param("plan", "developer"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/v1/account").header("x-api-key", key)).andExpect(header().string("X-Ratelimit-Limit", "50"))
                .andExpect(jsonPath("$.plan").value("developer"));
        mvc.perform(post("/settings/billing").session(owner).with(csrf()).param("plan", "platinum"))
                .andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select details from audit_log where action = 'account.plan_changed' and target = 'Plan Changer'")
                .query(String.class).single()).isEqualTo("from=free, to=developer");
    }

    @Test
    void membersCannotSeeOrChangeTheOrganizationsPlan() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Plan Admin", uniqueEmail("planadmin"),
                "Plans " + UUID.randomUUID().toString().substring(0, 6));
        MockHttpSession member = addMember(mvc, jdbc, admin, "Plan Member", uniqueEmail("planmember"), "member");

        mvc.perform(get("/settings/billing").session(member)).andExpect(status().isNotFound());
        mvc.perform(post("/settings/billing").session(member).with(csrf()).param("plan", "enterprise"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/settings/billing").session(admin)).andExpect(status().isOk());
        mvc.perform(post("/settings/billing").session(admin).with(csrf()).param("plan", "enterprise"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select plan from accounts where name like 'Plans %'").query(String.class).single())
                .isEqualTo("enterprise");
    }
}
