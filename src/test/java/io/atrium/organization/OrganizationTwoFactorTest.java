package io.atrium.organization;

import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.organizationId;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.Authenticator;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTime;
import io.atrium.testsupport.MutableClock;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;

/**
 * An organization that requires two-factor authentication: only its admins switch it on (and only once they use it
 * themselves); a member without it works in their personal account until they set it up; its keys keep working.
 */
@IntegrationTest
@Import(MovableTime.class)
class OrganizationTwoFactorTest extends ApplicationTest {

    private static final String PERSONAL = "class=\"muted\">Personal account</span>";
    private static final String ORGANIZATION = "class=\"muted\">Organization account</span>";

    @Autowired
    MutableClock clock;

    @Test
    void anAdminWithoutTwoFactorCannotRequireIt() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Lax");

        requireTwoFactor(team.admin(), true).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Set up two-factor authentication for yourself first")));

        mvc.perform(get("/settings/organization").session(team.admin()))
                .andExpect(content().string(containsString("id=\"two-factor-required\">Not required<")));
    }

    @Test
    void aMemberWithoutTwoFactorIsKeptOutUntilTheySetItUpWhileTheirPersonalAccountAndTheKeysWork() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Strict");
        String organizationId = organizationId(jdbc, team.name());
        Authenticator.enrol(mvc, team.admin(), clock);
        requireTwoFactor(team.admin(), true).andExpect(redirectedUrl("/settings/organization"));
        mvc.perform(get("/settings/organization").session(team.admin()))
                .andExpect(content().string(containsString("id=\"two-factor-required\">Required<")));

        // they joined through an invitation, so they land in the organization: they are in their personal account
        mvc.perform(get("/").session(team.member())).andExpect(status().isOk())
                .andExpect(content().string(containsString(PERSONAL)))
                .andExpect(content().string(containsString("requires two-factor authentication: you are")));
        mvc.perform(get("/settings/members").session(team.member())).andExpect(status().isNotFound());
        mvc.perform(post("/accounts/switch").session(team.member()).with(csrf()).param("accountId", organizationId))
                .andExpect(redirectedUrl("/profile/two-factor"))
                .andExpect(flash().attribute("notice", team.name() + " requires two-factor authentication. Set it up to work in it."));
        mvc.perform(get("/settings/api-keys").session(team.member()))
                .andExpect(content().string(containsString(PERSONAL)))
                .andExpect(content().string(not(containsString(">member<"))));
        api.as(team.memberKey()).get("/api/v1/account").andExpect(status().isOk())
                .andExpect(jsonPath("$._id").value(organizationId));

        String personalId = jdbc.sql("select id from accounts where personal_of_user_id = "
                + "(select created_by_user_id from api_keys where name = 'member' and account_id = :org)")
                .param("org", organizationId).query(String.class).single();
        mvc.perform(post("/accounts/switch").session(team.member()).with(csrf()).param("accountId", personalId))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/").session(team.member()))
                .andExpect(content().string(containsString(PERSONAL)))
                .andExpect(content().string(not(containsString("requires two-factor authentication: you are"))));

        Authenticator.enrol(mvc, team.member(), clock);
        mvc.perform(post("/accounts/switch").session(team.member()).with(csrf()).param("accountId", organizationId))
                .andExpect(redirectedUrl("/"));
        mvc.perform(get("/settings/members").session(team.member())).andExpect(status().isOk())
                .andExpect(content().string(containsString(ORGANIZATION)));
    }

    @Test
    void theMembersListShowsWhoLogsInWithTwoFactor() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Listed");
        Authenticator.enrol(mvc, team.admin(), clock);

        String page = mvc.perform(get("/settings/members").session(team.admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page.replaceAll("\\s+", " "))
                .containsPattern("Listed Admin.*?<td class=\"two-factor\"> <span class=\"badge badge-success\">On</span>")
                .containsPattern("Listed Member.*?<td class=\"two-factor\"> <span class=\"badge badge-muted\">Off</span>");
        api.as(team.adminKey()).get("/api/v1/members").andExpect(status().isOk())
                .andExpect(jsonPath("$.data[?(@.name == 'Listed Admin')].two_factor_enabled", contains(true)))
                .andExpect(jsonPath("$.data[?(@.name == 'Listed Member')].two_factor_enabled", contains(false)));
    }

    @Test
    void onlyTheOrganizationsOwnAdminsChangeTheRequirementAndEachChangeIsAudited() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Guarded");
        String organizationId = organizationId(jdbc, team.name());
        MockHttpSession outsider = createWithAdmin(mvc, "Other Admin", uniqueEmail("otheradmin"),
                "Other " + UUID.randomUUID().toString().substring(0, 6));
        Authenticator.enrol(mvc, outsider, clock);
        Authenticator.enrol(mvc, team.member(), clock);

        requireTwoFactor(team.member(), true).andExpect(status().isNotFound());
        mvc.perform(post("/accounts/switch").session(outsider).with(csrf()).param("accountId", organizationId))
                .andExpect(status().isNotFound());
        requireTwoFactor(outsider, true).andExpect(redirectedUrl("/settings/organization"));
        mvc.perform(get("/settings/organization").session(team.admin()))
                .andExpect(content().string(containsString("id=\"two-factor-required\">Not required<")));

        Authenticator.enrol(mvc, team.admin(), clock);
        requireTwoFactor(team.admin(), true).andExpect(redirectedUrl("/settings/organization"));
        requireTwoFactor(team.admin(), false).andExpect(redirectedUrl("/settings/organization"));
        mvc.perform(get("/settings/audit-log").session(team.admin()))
                .andExpect(content().string(containsString("Changed whether members need two-factor authentication")))
                .andExpect(content().string(containsString("required=true")))
                .andExpect(content().string(containsString("required=false")));
    }

    private ResultActions requireTwoFactor(MockHttpSession session, boolean required) throws Exception {
        return mvc.perform(post("/settings/organization/two-factor").session(session).with(csrf())
                .param("required", Boolean.toString(required)));
    }
}
