package io.atrium.index;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

/**
 * {@code /v1.3/indexes} in the whole application: the rules an index follows and what the database keeps. How the
 * controller reads bodies and parameters, and its errors for what it cannot read, are IndexesApiRequestTest's.
 */
@IntegrationTest
class IndexApiTest extends ApplicationTest {

    private static final String MARENGO = "{\"index_name\":\"%s\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\",\"audio\"]}]}";

    @Test
    void anIndexIsCreatedAndRetrievedWithItsModelsAddonsTotalsAndFreePlanExpiry() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Index Maker", uniqueEmail("indexmaker")), "indexes");

        String id = create(key, "{\"index_name\":\"Lectures\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\",\"audio\"]},"
                + "{\"model_name\":\"pegasus1.2\",\"model_options\":[\"visual\"]}],\"addons\":[\"thumbnail\"]}");

        String body = api.as(key).get("/v1.3/indexes/" + id).andExpect(status().isOk())
                .andExpect(jsonPath("$._id").value(id))
                .andExpect(jsonPath("$.index_name").value("Lectures"))
                .andExpect(jsonPath("$.models[0].model_name").value("marengo3.0"))
                .andExpect(jsonPath("$.models[0].model_options[1]").value("audio"))
                .andExpect(jsonPath("$.models[1].model_name").value("pegasus1.2"))
                .andExpect(jsonPath("$.addons[0]").value("thumbnail"))
                .andExpect(jsonPath("$.video_count").value(0))
                .andExpect(jsonPath("$.total_duration").value(0.0))
                .andExpect(jsonPath("$.created_at", startsWith("20")))
                .andReturn().getResponse().getContentAsString();
        Instant created = Instant.parse(JsonPath.read(body, "$.created_at"));
        Instant expires = Instant.parse(JsonPath.read(body, "$.expires_at"));
        assertThat(Duration.between(created, expires)).isEqualTo(Duration.ofDays(90));
        assertThat(id).matches("[0-9a-f]{24}");
    }

    @Test
    void badIndexDefinitionsAreRefusedWithClearCodesAndCreateNothing() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Strict Indexer", uniqueEmail("strictindexer")), "indexes");
        create(key, MARENGO.formatted("Taken"));

        bad(key, MARENGO.formatted("Taken"), "index_name_already_exists");
        bad(key, "{\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}]}", "parameter_not_provided");
        bad(key, "{\"index_name\":\"No models\"}", "parameter_not_provided");
        bad(key, "{\"index_name\":\"Odd\",\"models\":[{\"model_name\":\"gpt\",\"model_options\":[\"visual\"]}]}", "parameter_invalid");
        bad(key, "{\"index_name\":\"Odd\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"smell\"]}]}", "parameter_invalid");
        bad(key, "{\"index_name\":\"Odd\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[]}]}", "parameter_invalid");
        bad(key, "{\"index_name\":\"Odd\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]},"
                + "{\"model_name\":\"marengo3.0\",\"model_options\":[\"audio\"]}]}", "parameter_invalid");
        bad(key, "{\"index_name\":\"Odd\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}],\"addons\":[\"logo\"]}",
                "parameter_invalid");
        bad(key, "{\"index_name\":\"" + "x".repeat(101) + "\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}]}",
                "parameter_invalid");
        bad(key, "{\"index_name\":\"Nulls\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[\"visual\"]}],"
                + "\"addons\":[null]}", "parameter_invalid");
        bad(key, "{\"index_name\":\"Nulls\",\"models\":[{\"model_name\":\"marengo3.0\",\"model_options\":[null]}]}",
                "parameter_invalid");
        bad(key, "{\"index_name\":\"Nulls\",\"models\":[null]}", "parameter_not_provided");

        api.as(key).get("/v1.3/indexes").andExpect(jsonPath("$.page_info.total_results").value(1));
    }

    @Test
    void theListFiltersSortsAndPages() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Lister", uniqueEmail("lister")), "indexes");
        create(key, MARENGO.formatted("Alpha"));
        create(key, "{\"index_name\":\"Beta\",\"models\":[{\"model_name\":\"pegasus1.2\",\"model_options\":[\"audio\"]}]}");
        create(key, MARENGO.formatted("Gamma"));

        api.as(key).perform(get("/v1.3/indexes").param("index_name", "Beta"))
                .andExpect(jsonPath("$.data.length()").value(1)).andExpect(jsonPath("$.data[0].index_name").value("Beta"));
        api.as(key).perform(get("/v1.3/indexes").param("model_family", "pegasus")).andExpect(jsonPath("$.data.length()").value(1));
        api.as(key).perform(get("/v1.3/indexes").param("model_family", "marengo")).andExpect(jsonPath("$.data.length()").value(2));
        api.as(key).perform(get("/v1.3/indexes").param("model_options", "audio")).andExpect(jsonPath("$.data.length()").value(3));
        api.as(key).perform(get("/v1.3/indexes").param("model_options", "visual,audio")).andExpect(jsonPath("$.data.length()").value(2));
        api.as(key).perform(get("/v1.3/indexes").param("created_at", Instant.now().toString().substring(0, 10)))
                .andExpect(jsonPath("$.data.length()").value(3));
        api.as(key).perform(get("/v1.3/indexes").param("created_at", "2999-01-01")).andExpect(jsonPath("$.data.length()").value(0));
        api.as(key).perform(get("/v1.3/indexes").param("page_limit", "2").param("page", "2"))
                .andExpect(jsonPath("$.data.length()").value(1))
                .andExpect(jsonPath("$.page_info.total_page").value(2))
                .andExpect(jsonPath("$.page_info.total_results").value(3));
        api.as(key).perform(get("/v1.3/indexes").param("page", "3").param("page_limit", "2"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data.length()").value(0));
    }

    @Test
    void anIndexIsRenamedAndItsNewNameMustBeFreeInTheAccount() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Renamer", uniqueEmail("renamer")), "indexes");
        String id = create(key, MARENGO.formatted("Old name"));
        create(key, MARENGO.formatted("Other"));

        api.as(key).put("/v1.3/indexes/" + id, "{\"index_name\":\"New name\"}")
                .andExpect(status().isOk());
        api.as(key).get("/v1.3/indexes/" + id).andExpect(jsonPath("$.index_name").value("New name"));
        api.as(key).put("/v1.3/indexes/" + id, "{\"index_name\":\"Other\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("index_name_already_exists"));
        api.as(key).get("/v1.3/indexes/" + id).andExpect(jsonPath("$.index_name").value("New name"));
    }

    @Test
    void deletingAnIndexDeletesItsVideosAndThenItIsGone() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Deleter", uniqueEmail("deleter")), "indexes");
        String id = create(key, MARENGO.formatted("Doomed"));
        String accountId = jdbc.sql("select account_id from indexes where id = :id").param("id", id).query(String.class).single();
        jdbc.sql("""
                insert into videos (id, account_id, index_id, filename, duration, size, created_at, updated_at)
                values ('0123456789abcdef01234567', :account, :index, 'clip.mp4', 12.5, 1000, current_timestamp, current_timestamp)""")
                .param("account", accountId).param("index", id).update();
        // the totals as the video feature keeps them with a video it adds
        jdbc.sql("update indexes set video_count = 1, video_duration_us = 12500000 where id = :index").param("index", id)
                .update();
        api.as(key).get("/v1.3/indexes/" + id).andExpect(jsonPath("$.video_count").value(1))
                .andExpect(jsonPath("$.total_duration").value(12.5));

        api.as(key).delete("/v1.3/indexes/" + id).andExpect(status().isOk());

        api.as(key).get("/v1.3/indexes/" + id).andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("resource_not_exist"));
        api.as(key).delete("/v1.3/indexes/" + id).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from videos where index_id = :id").param("id", id).query(Long.class).single()).isZero();
    }

    @Test
    void anotherAccountsIndexAnswers404LikeAMissingOne() throws Exception {
        String ownerKey = ApiKeys.create(mvc, signUp(mvc, "Owner", uniqueEmail("indexowner")), "indexes");
        String id = create(ownerKey, MARENGO.formatted("Private"));
        String strangerKey = ApiKeys.create(mvc, signUp(mvc, "Stranger", uniqueEmail("indexstranger")), "indexes");

        api.as(strangerKey).get("/v1.3/indexes/" + id).andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("resource_not_exist"));
        api.as(strangerKey).put("/v1.3/indexes/" + id, "{\"index_name\":\"Mine\"}")
                .andExpect(status().isNotFound());
        api.as(strangerKey).delete("/v1.3/indexes/" + id).andExpect(status().isNotFound());
        api.as(strangerKey).get("/v1.3/indexes").andExpect(jsonPath("$.data.length()").value(0));
        create(strangerKey, MARENGO.formatted("Private"));
        api.as(ownerKey).get("/v1.3/indexes/" + id).andExpect(jsonPath("$.index_name").value("Private"));
    }

    @Test
    void everyMemberOfAnOrganizationSeesAndManagesItsIndexesButPersonalKeysDoNot() throws Exception {
        String orgName = "Shared " + UUID.randomUUID().toString().substring(0, 6);
        MockHttpSession admin = createWithAdmin(mvc, "Index Admin", uniqueEmail("indexadmin"), orgName);
        MockHttpSession member = addMember(mvc, jdbc, admin, "Index Member", uniqueEmail("indexmember"), "member");
        String adminKey = ApiKeys.create(mvc, admin, "admin");
        String memberKey = ApiKeys.create(mvc, member, "member");
        String id = create(adminKey, MARENGO.formatted("Team index"));

        api.as(memberKey).get("/v1.3/indexes/" + id).andExpect(jsonPath("$.index_name").value("Team index"));
        api.as(memberKey).put("/v1.3/indexes/" + id, "{\"index_name\":\"Renamed by member\"}")
                .andExpect(status().isOk());

        String page = mvc.perform(get("/").session(member)).andReturn().getResponse().getContentAsString();
        var personal = java.util.regex.Pattern.compile("name=\"accountId\" value=\"([0-9a-f]{24})\"").matcher(page);
        assertThat(personal.find()).isTrue();
        mvc.perform(post("/accounts/switch").session(member).with(org.springframework.security.test.web.servlet.request
                .SecurityMockMvcRequestPostProcessors.csrf()).param("accountId", personal.group(1)));
        String personalKey = ApiKeys.create(mvc, member, "personal");
        api.as(personalKey).get("/v1.3/indexes/" + id).andExpect(status().isNotFound());
        api.as(memberKey).delete("/v1.3/indexes/" + id).andExpect(status().isOk());
    }

    @Test
    void modelEndpointsFailAtOnceWith403ApiNotAllowedWhichNoSdkRetries() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Searcher", uniqueEmail("searcher")), "indexes");
        for (String path : new String[] {"/v1.3/search", "/v1.3/search/queries", "/v1.3/analyze", "/v1.3/gist",
                "/v1.3/summarize", "/v1.3/generate", "/v1.3/embed", "/v1.3/embed/tasks", "/v1.3/embed-v2",
                "/v1.3/embed-v2/tasks", "/v1.3/responses", "/v1.3/knowledge-stores/ks1/search"}) {
            api.as(key).post(path, "{}")
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("api_not_allowed"));
        }
        mvc.perform(post("/v1.3/search")).andExpect(status().isUnauthorized());
    }

    @Test
    void aBodyFieldTheApiDoesNotKnowIsRefusedAndCreatesNothing() throws Exception {
        String key = api.newKey("misspeller");
        api.as(key).post("/v1.3/indexes", """
                {"index_name": "Typos", "models": [{"model_name": "marengo3.0", "model_options": ["visual"]}],
                 "adons": ["thumbnail"]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_unknown"))
                .andExpect(jsonPath("$.message").value("adons is not a field of this request."));
        api.as(key).post("/v1.3/indexes", """
                {"index_name": "Typos", "models": [{"model_name": "marengo3.0", "model_options": ["visual"], "size": 2}]}""")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_unknown"));
        api.as(key).get("/v1.3/indexes").andExpect(jsonPath("$.data.length()").value(0));
    }

    @Test
    void theThumbnailAddonNeedsAMarengoModel() throws Exception {
        String key = api.newKey("pegasus");
        api.as(key).post("/v1.3/indexes", """
                {"index_name": "Talks", "models": [{"model_name": "pegasus1.2", "model_options": ["visual"]}],
                 "addons": ["thumbnail"]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_invalid"))
                .andExpect(jsonPath("$.message").value("The thumbnail addon needs a Marengo model in the index."));
        api.as(key).get("/v1.3/indexes").andExpect(jsonPath("$.data.length()").value(0));
    }

    @Test
    void anUnknownPathAnswersItsOwnCodeAndAKnownPathWithAnotherMethodAnswers405WithTheMethodsItTakes()
            throws Exception {
        String key = api.newKey("wanderer");

        api.as(key).get("/v1.3/no-such-endpoint")
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("endpoint_not_exist"));
        api.as(key).get("/v1.3/indexes/0123456789abcdef01234567")
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("resource_not_exist"));
        api.as(key).patch("/v1.3/indexes", "{}")
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("method_not_allowed"))
                .andExpect(header().string("Allow", "GET, POST"));
    }

    private String create(String key, String json) throws Exception {
        String body = api.as(key).post("/v1.3/indexes", json)
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$._id");
    }

    private void bad(String key, String json, String code) throws Exception {
        api.as(key).post("/v1.3/indexes", json)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }
}
