package io.atrium.api;

import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

@IntegrationTest
class ApiAuthenticationTest extends ApplicationTest {

    @Test
    void aRequestWithoutAKeyGets401ApiKeyInvalidInTheErrorFormat() throws Exception {
        mvc.perform(get("/v1.3/indexes"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.code").value("api_key_invalid"))
                .andExpect(jsonPath("$.reason").value("missing"))
                .andExpect(jsonPath("$.message").isNotEmpty())
                .andExpect(jsonPath("$.docs_url", endsWith("/docs/errors.html#api_key_invalid")));
    }

    @Test
    void theManagementApiAnswersTheSame() throws Exception {
        mvc.perform(get("/api/v1/account"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("api_key_invalid"));
    }

    @Test
    void aKeyWithoutTheFormatIsRefusedAsMalformed() throws Exception {
        mvc.perform(get("/v1.3/indexes").header("x-api-key", "tlk_not_a_real_key"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.reason").value("malformed"));
    }

    @Test
    void aKeyInTheQueryStringIsRefusedAndNeverEchoed() throws Exception {
        mvc.perform(get("/v1.3/indexes").queryParam("api_key", "tlk_secret_in_url"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.reason").value("key_in_query"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("tlk_secret_in_url"))));
    }

    @Test
    void apiCallsNeedNoCsrfTokenAndCreateNoSession() throws Exception {
        mvc.perform(post("/v1.3/indexes").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andExpect(request -> org.assertj.core.api.Assertions.assertThat(request.getRequest().getSession(false)).isNull());
    }

    @Test
    void oneOpenApiDocumentDescribesTheApiAndItsKeyHeader() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/api-keys']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/api-keys'].post.parameters").doesNotExist())
                .andExpect(jsonPath("$.paths['/api/v1/api-keys/{id}/rotate'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/account']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/members/{userId}']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/invitations']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/**']").doesNotExist())
                .andExpect(jsonPath("$.components.securitySchemes.apiKey.name").value("x-api-key"));
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
    }

    @Test
    void theErrorCodesPageIsPublic() throws Exception {
        mvc.perform(get("/docs/errors.html"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"api_key_invalid\"")));
    }
}
