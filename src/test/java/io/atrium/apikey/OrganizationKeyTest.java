package io.atrium.apikey;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.team;
import static io.atrium.testsupport.Organizations.userId;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTimeTest;
import io.atrium.testsupport.Organizations.Team;

@IntegrationTest
class OrganizationKeyTest extends MovableTimeTest {

    @Test
    void anOrganizationKeySurvivesTheRemovalOfItsCreatorAndKeepsItsRole() throws Exception {
        String firstEmail = uniqueEmail("firstadmin");
        MockHttpSession first = createWithAdmin(mvc, "First Admin", firstEmail, "Service " + UUID.randomUUID().toString().substring(0, 6));
        MockHttpSession second = addMember(mvc, jdbc, first, "Second Admin", uniqueEmail("secondadmin"), "admin");
        String service = ApiKeys.create(mvc, first, "deploy bot", Map.of("organizationKey", "true", "role", "admin"));
        String own = ApiKeys.create(mvc, first, "first's own");

        mvc.perform(post("/settings/members/" + userId(jdbc, firstEmail) + "/remove").session(second).with(csrf()))
                .andExpect(status().is3xxRedirection());

        api.as(own).get("/api/v1/account").andExpect(status().isUnauthorized()).andExpect(jsonPath("$.reason").value("revoked"));
        api.as(service).get("/api/v1/account").andExpect(status().isOk()).andExpect(jsonPath("$.role").value("admin"));
        api.as(service).get("/api/v1/members").andExpect(status().isOk())
                .andExpect(jsonPath("$.page_info.total_results").value(1));
        api.as(service).get("/api/v1/audit-log").andExpect(status().isOk());
        api.as(service).get("/api/v1/api-keys").andExpect(status().isOk())
                .andExpect(jsonPath("$.data[?(@.name == 'deploy bot')].owner", hasItem("organization")))
                .andExpect(jsonPath("$.data[?(@.name == 'deploy bot')].role", hasItem("admin")))
                .andExpect(jsonPath("$.data[?(@.name == 'deploy bot')].status", hasItem("active")));
    }

    @Test
    void anOrganizationKeyActsWithTheRoleChosenNotItsCreatorsAndIsListedApart() throws Exception {
        Team team = team(mvc, jdbc, "Role Keys");
        String regular = ApiKeys.create(mvc, team.admin(), "read only bot", Map.of("organizationKey", "true", "role", "member"));

        api.as(regular).get("/api/v1/account").andExpect(jsonPath("$.role").value("member"));
        api.as(regular).get("/api/v1/audit-log").andExpect(status().isForbidden());
        api.as(regular).post("/api/v1/api-keys", "{\"name\":\"spawn\"}").andExpect(status().isForbidden());
        api.as(regular).get("/api/v1/api-keys").andExpect(status().isOk())
                .andExpect(jsonPath("$.page_info.total_results").value(0));
        String page = mvc.perform(get("/settings/api-keys").session(team.admin())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Organization keys").contains("read only bot").contains("acts as Regular user");
        assertThat(page.indexOf("read only bot")).isGreaterThan(page.indexOf("id=\"organization-api-keys\""));
    }

    @Test
    void onlyAdministratorsCreateSeeRotateAndRevokeOrganizationKeys() throws Exception {
        Team team = team(mvc, jdbc, "Admin Only");
        String service = ApiKeys.create(mvc, team.admin(), "ci bot", Map.of("organizationKey", "true", "role", "member"));
        String id = jdbc.sql("select id from api_keys where key_id = :k").param("k", service.substring(4, 16)).query(String.class).single();

        api.as(team.memberKey()).post("/api/v1/api-keys", "{\"name\":\"mine\",\"owner\":\"organization\"}")
                .andExpect(status().isForbidden());
        mvc.perform(post("/settings/api-keys").session(team.member()).with(csrf()).param("name", "mine")
                .param("expiration", "12").param("organizationKey", "true").param("role", "admin"))
                .andExpect(status().isNotFound());
        assertThat(mvc.perform(get("/settings/api-keys").session(team.member())).andReturn().getResponse().getContentAsString())
                .doesNotContain("ci bot").doesNotContain("Organization key");
        api.as(team.memberKey()).get("/api/v1/api-keys").andExpect(jsonPath("$.data[*].name", not(hasItem("ci bot"))));
        api.as(team.memberKey()).delete("/api/v1/api-keys/" + id).andExpect(status().isNotFound());
        api.as(team.memberKey()).post("/api/v1/api-keys/" + id + "/rotate", "{\"grace_period_hours\":0}").andExpect(status().isNotFound());
        api.as(service).get("/api/v1/account").andExpect(status().isOk());

        api.as(team.adminKey()).delete("/api/v1/api-keys/" + id).andExpect(status().isNoContent());
        api.as(service).get("/api/v1/account").andExpect(status().isUnauthorized()).andExpect(jsonPath("$.reason").value("revoked"));
    }

    @Test
    void aPersonalAccountHasNoOrganizationKeys() throws Exception {
        MockHttpSession user = signUp(mvc, "Solo Owner", uniqueEmail("solo"));
        String key = ApiKeys.create(mvc, user, "solo");

        api.as(key).post("/api/v1/api-keys", "{\"name\":\"service\",\"owner\":\"organization\",\"role\":\"admin\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("only in organizations")));
    }
}
