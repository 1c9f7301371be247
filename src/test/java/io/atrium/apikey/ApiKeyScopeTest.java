package io.atrium.apikey;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTimeTest;

@IntegrationTest
class ApiKeyScopeTest extends MovableTimeTest {

    @Test
    void aKeyWithEachSingleScopeCallsItsCategoryAndIsRefusedTheOthersNamingTheScope() throws Exception {
        MockHttpSession user = signUp(mvc, "Scope Keeper", uniqueEmail("scopes"));
        String full = ApiKeys.create(mvc, user, "everything");
        String index = api.as(full).createIndex("Scoped " + uniqueEmail("i"));
        String resourcesRead = ApiKeys.create(mvc, user, "reader", Map.of("scope", "resources:read"));
        String resourcesWrite = ApiKeys.create(mvc, user, "writer", Map.of("scope", "resources:write"));
        String managementRead = ApiKeys.create(mvc, user, "auditor", Map.of("scope", "management:read"));
        String managementWrite = ApiKeys.create(mvc, user, "manager", Map.of("scope", "management:write"));

        api.as(resourcesRead).get("/v1.3/indexes/" + index).andExpect(status().isOk());
        refused(api.as(resourcesRead).put("/v1.3/indexes/" + index, "{\"index_name\":\"renamed\"}"), "resources:write");
        refused(api.as(resourcesRead).get("/api/v1/account"), "management:read");

        api.as(resourcesWrite).put("/v1.3/indexes/" + index, "{\"index_name\":\"renamed " + index + "\"}")
                .andExpect(status().is2xxSuccessful());
        refused(api.as(resourcesWrite).get("/v1.3/indexes/" + index), "resources:read");
        refused(api.as(resourcesWrite).post("/api/v1/api-keys", "{\"name\":\"no\"}"), "management:write");

        api.as(managementRead).get("/api/v1/account").andExpect(status().isOk());
        refused(api.as(managementRead).post("/api/v1/api-keys", "{\"name\":\"no\"}"), "management:write");
        refused(api.as(managementRead).get("/v1.3/indexes"), "resources:read");

        api.as(managementWrite).post("/api/v1/api-keys", "{\"name\":\"made by manager\"}").andExpect(status().isCreated());
        refused(api.as(managementWrite).get("/api/v1/api-keys"), "management:read");
        refused(api.as(managementWrite).delete("/v1.3/indexes/" + index), "resources:write");
        api.as(full).get("/v1.3/indexes/" + index).andExpect(status().isOk());
    }

    @Test
    void theListShowsEachKeysScopesAndAKeyMadeWithoutScopesHasAllTheCallerMayGive() throws Exception {
        MockHttpSession user = signUp(mvc, "Scope Lister", uniqueEmail("scopelist"));
        String full = ApiKeys.create(mvc, user, "full");
        ApiKeys.create(mvc, user, "two scopes", Map.of("scope", "resources:read management:read"));

        api.as(full).get("/api/v1/api-keys").andExpect(status().isOk())
                .andExpect(jsonPath("$.data[?(@.name == 'two scopes')].scopes[*]", contains("resources:read", "management:read")))
                .andExpect(jsonPath("$.data[?(@.name == 'full')].scopes.length()").value(4));
        String restricted = ApiKeys.create(mvc, user, "creator", Map.of("scope", "management:write resources:read"));

        api.as(restricted).post("/api/v1/api-keys", "{\"name\":\"child\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.scopes[*]", contains("resources:read", "management:write")));
    }

    @Test
    void aKeyCannotCreateAKeyWithScopesItLacksNorWithUnknownOnes() throws Exception {
        MockHttpSession user = signUp(mvc, "Scope Climber", uniqueEmail("climber"));
        String limited = ApiKeys.create(mvc, user, "limited", Map.of("scope", "management:write"));
        long before = jdbc.sql("select count(*) from api_keys").query(Long.class).single();

        api.as(limited).post("/api/v1/api-keys", "{\"name\":\"wider\",\"scopes\":[\"management:write\",\"resources:write\"]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("api_key_scope_not_grantable"))
                .andExpect(jsonPath("$.message").value(containsString("resources:write")));
        api.as(limited).post("/api/v1/api-keys", "{\"name\":\"odd\",\"scopes\":[\"admin:everything\"]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(containsString("admin:everything")));

        assertThat(jdbc.sql("select count(*) from api_keys").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theFormRefusesAKeyWithNoScopeTickedNextToTheBoxes() throws Exception {
        MockHttpSession user = signUp(mvc, "No Scope", uniqueEmail("noscope"));

        mvc.perform(post("/settings/api-keys").session(user).with(csrf()).param("name", "empty")
                        .param("expiration", "12").param("scopesOnForm", "true"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"scopes-error\"")))
                .andExpect(content().string(containsString("Choose at least one scope.")));
    }

    private static void refused(org.springframework.test.web.servlet.ResultActions call, String scope) throws Exception {
        call.andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("api_key_scope_missing"))
                .andExpect(jsonPath("$.message").value(containsString(scope)));
    }
}
