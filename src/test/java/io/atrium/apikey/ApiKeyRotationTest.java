package io.atrium.apikey;

import static io.atrium.testsupport.Organizations.team;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTimeTest;
import io.atrium.testsupport.Organizations.Team;

@IntegrationTest
class ApiKeyRotationTest extends MovableTimeTest {

    @Test
    void theOldSecretKeepsWorkingThroughTheGracePeriodThenIsRefusedAsRotated() throws Exception {
        MockHttpSession user = signUp(mvc, "Rota Tor", uniqueEmail("rotator"));
        String old = ApiKeys.create(mvc, user, "deploy");
        String id = rowId(old);

        String body = api.as(old).post("/api/v1/api-keys/" + id + "/rotate", "{\"grace_period_hours\":2}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$._id").value(id))
                .andExpect(jsonPath("$.name").value("deploy"))
                .andExpect(jsonPath("$.prefix").value(old.substring(0, 16)))
                .andReturn().getResponse().getContentAsString();
        String fresh = JsonPath.read(body, "$.key");

        assertThat(fresh).isNotEqualTo(old).startsWith(old.substring(0, 17));
        api.as(old).get("/api/v1/account").andExpect(status().isOk());
        api.as(fresh).get("/api/v1/account").andExpect(status().isOk());
        api.as(fresh).get("/api/v1/api-keys").andExpect(jsonPath("$.data[0]._id").value(id))
                .andExpect(jsonPath("$.data[0].old_secret_valid_until").value(JsonPath.<String>read(body, "$.old_secret_valid_until")));
        clock.advance(Duration.ofHours(2));
        api.as(old).get("/api/v1/account").andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("api_key_invalid"))
                .andExpect(jsonPath("$.reason").value("rotated"));
        api.as(fresh).get("/api/v1/account").andExpect(status().isOk());
        api.as(fresh).get("/api/v1/api-keys").andExpect(jsonPath("$.data[0].old_secret_valid_until").value(nullValue()));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'api_key.rotated' and target like :t")
                .param("t", "deploy (" + old.substring(0, 16) + ")").query(Long.class).single()).isOne();
    }

    @Test
    void withoutAGracePeriodTheOldSecretIsRefusedAtOnce() throws Exception {
        MockHttpSession user = signUp(mvc, "Quick Rotator", uniqueEmail("quickrotate"));
        String old = ApiKeys.create(mvc, user, "at once");

        String fresh = JsonPath.read(api.as(old).post("/api/v1/api-keys/" + rowId(old) + "/rotate", "{\"grace_period_hours\":0}")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.key");

        api.as(old).get("/api/v1/account").andExpect(status().isUnauthorized()).andExpect(jsonPath("$.reason").value("rotated"));
        api.as(fresh).get("/api/v1/account").andExpect(status().isOk());
    }

    @Test
    void rotatingOnThePageShowsTheNewSecretOnceAndMarksTheKeyAsRotating() throws Exception {
        MockHttpSession user = signUp(mvc, "Page Rotator", uniqueEmail("pagerotate"));
        String old = ApiKeys.create(mvc, user, "page key");
        String id = rowId(old);

        mvc.perform(get("/settings/api-keys/" + id + "/rotate").session(user)).andExpect(status().isOk());
        mvc.perform(post("/settings/api-keys/" + id + "/rotate").session(user).with(csrf()).param("grace", "24"))
                .andExpect(redirectedUrl("/settings/api-keys"));
        String page = mvc.perform(get("/settings/api-keys").session(user)).andReturn().getResponse().getContentAsString();
        String fresh = ApiKeys.find(page);

        assertThat(fresh).isNotEqualTo(old);
        assertThat(page).contains("New secret for page key").contains("It won't be shown again")
                .contains("Rotating, old secret valid until");
        assertThat(mvc.perform(get("/settings/api-keys").session(user)).andReturn().getResponse().getContentAsString())
                .doesNotContain(fresh).contains("Rotating, old secret valid until");
        api.as(old).get("/api/v1/account").andExpect(status().isOk());
        api.as(fresh).get("/api/v1/account").andExpect(status().isOk());
    }

    @Test
    void onlyWhoMayRevokeAKeyMayRotateIt() throws Exception {
        Team team = team(mvc, jdbc, "Rotation Rights");
        Team other = team(mvc, jdbc, "Other Rotation");

        api.as(other.adminKey()).post("/api/v1/api-keys/" + rowId(team.memberKey()) + "/rotate", "{\"grace_period_hours\":1}")
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("resource_not_exist"));
        api.as(team.memberKey()).post("/api/v1/api-keys/" + rowId(team.adminKey()) + "/rotate", "{\"grace_period_hours\":1}")
                .andExpect(status().isNotFound());
        mvc.perform(post("/settings/api-keys/" + rowId(team.adminKey()) + "/rotate").session(team.member()).with(csrf())
                .param("grace", "1")).andExpect(status().isNotFound());
        api.as(team.adminKey()).get("/api/v1/account").andExpect(status().isOk());

        api.as(team.adminKey()).post("/api/v1/api-keys/" + rowId(team.memberKey()) + "/rotate", "{\"grace_period_hours\":1}")
                .andExpect(status().isOk());
    }

    @Test
    void aGracePeriodOutOfRangeOrARevokedKeyIsRefused() throws Exception {
        MockHttpSession user = signUp(mvc, "Range Rotator", uniqueEmail("rangerotate"));
        String key = ApiKeys.create(mvc, user, "ranged");
        String spare = ApiKeys.create(mvc, user, "spare");
        String id = rowId(key);

        api.as(key).post("/api/v1/api-keys/" + id + "/rotate", "{\"grace_period_hours\":169}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).post("/api/v1/api-keys/" + id + "/rotate", "{\"grace_period_hours\":-1}").andExpect(status().isBadRequest());
        api.as(key).post("/api/v1/api-keys/" + id + "/rotate", "{}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_not_provided"));
        api.as(spare).delete("/api/v1/api-keys/" + id).andExpect(status().isNoContent());
        api.as(spare).post("/api/v1/api-keys/" + id + "/rotate", "{\"grace_period_hours\":1}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("api_key_not_active"));
        api.as(key).get("/api/v1/account").andExpect(status().isUnauthorized()).andExpect(jsonPath("$.reason").value("revoked"));
    }

    private String rowId(String key) {
        return jdbc.sql("select id from api_keys where key_id = :k").param("k", key.substring(4, 16)).query(String.class).single();
    }
}
