package io.atrium.integration;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Organizations;
import io.atrium.testsupport.Organizations.Team;
import io.atrium.testsupport.S3Server;
import io.atrium.testsupport.TestVideos;
import io.atrium.video.queue.TaskQueue;

/** The Playground's S3 Integrations pages, against S3Proxy on 127.0.0.1 (allowed for the test). */
@IntegrationTest
@TestPropertySource(properties = {"atrium.integrations.allowed-addresses=127.0.0.1/32", "atrium.jobs.poll-interval=1h"})
class IntegrationPagesTest extends ApplicationTest {

    static final S3Server s3 = S3Server.shared();

    static final Path clip = TestVideos.shared("quay.mp4", 5);

    @Autowired
    ApplicationContext context;

    final String bucket = s3.newBucket("pages");

    @Test
    void aPersonAddsAnIntegrationImportsFromItFollowsTheProgressAndDeletesIt() throws Exception {
        MockHttpSession user = signUp(mvc, "Page Importer", uniqueEmail("pageimporter"));
        s3.put(bucket, "reels/quay.mp4", clip);
        s3.put(bucket, "reels/readme.md", "notes".getBytes());
        mvc.perform(post("/indexes").session(user).with(csrf()).param("name", "Quays").param("models", "marengo3.0")
                .param("marengoOptions", "visual"));
        mvc.perform(get("/integrations").session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("No integrations yet.")));

        mvc.perform(form(post("/integrations"), "Reels", bucket, "wrong-secret").session(user))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Access to the bucket " + bucket + " was denied")))
                .andExpect(content().string(containsString("value=\"Reels\"")))
                // The error is under the field it is about, and named at the top; the secret typed is still typed.
                .andExpect(content().string(containsString("aria-describedby=\"integration-access-key-id-error\"")))
                .andExpect(content().string(containsString("<a href=\"#integration-access-key-id\">Access key id</a>:")))
                .andExpect(content().string(matchesPattern("(?s).*id=\"integration-secret\"[^>]*value=\"wrong-secret\".*")));
        String location = mvc.perform(form(post("/integrations"), "Reels", bucket, s3.secretKey()).session(user))
                .andExpect(flash().attribute("notice", "The integration Reels was added: Atrium can read the bucket " + bucket + "."))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(location).session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("s3://" + bucket + "/reels/")))
                .andExpect(content().string(containsString("Unchanged (ends in …cess)")))
                .andExpect(content().string(not(containsString(s3.secretKey()))))
                .andExpect(content().string(containsString("No imports yet.")));

        String index = jdbc.sql("select id from indexes where name = 'Quays'").query(String.class).single();
        mvc.perform(post(location + "/imports").session(user).with(csrf()).param("indexId", index).param("incremental", "true"))
                .andExpect(redirectedUrl(location))
                .andExpect(flash().attribute("notice", "Import started: 1 video to import, 1 file not imported (see the log)."));
        mvc.perform(get(location).session(user))
                .andExpect(content().string(containsString("Import in progress")))
                .andExpect(content().string(containsString("readme.md")));
        mvc.perform(post(location + "/imports").session(user).with(csrf()).param("indexId", index))
                .andExpect(flash().attribute("importError", "An import of this integration is running. Wait for it to end before starting another."));
        mvc.perform(get(location + "/progress").session(user))
                .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.finished").value(0))
                .andExpect(jsonPath("$.ended").value(false));

        TaskQueue.workOnce(context);
        mvc.perform(get(location + "/progress").session(user))
                .andExpect(jsonPath("$.finished").value(1)).andExpect(jsonPath("$.ended").value(true))
                .andExpect(jsonPath("$.videoStatus.ready").value(1));
        mvc.perform(get(location).session(user)).andExpect(content().string(containsString("Last import")))
                .andExpect(content().string(containsString("1 ready of 1")));

        mvc.perform(post(location).session(user).with(csrf()).param("name", "Reels 2026").param("bucket", bucket)
                        .param("region", "us-east-1").param("endpoint", endpoint()).param("prefix", "reels/")
                        .param("accessKeyId", "").param("secretAccessKey", ""))
                .andExpect(redirectedUrl(location));
        mvc.perform(get("/integrations").session(user)).andExpect(content().string(containsString("Reels 2026")));

        mvc.perform(get(location + "/delete").session(user)).andExpect(content().string(containsString("Delete Reels 2026?")));
        mvc.perform(post(location + "/delete").session(user).with(csrf())).andExpect(redirectedUrl("/integrations"));
        mvc.perform(get(location).session(user)).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from videos where index_id = :index").param("index", index)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void withoutAnEndpointARegionThatCannotBeFoundIsShownUnderRegionAndTheSecretStaysTyped() throws Exception {
        MockHttpSession user = signUp(mvc, "Region Typo", uniqueEmail("regiontypo"));

        String page = mvc.perform(post("/integrations").session(user).with(csrf()).param("name", "Typo")
                        .param("bucket", bucket).param("region", "zz-nowhere-9").param("endpoint", "")
                        .param("prefix", "").param("accessKeyId", "AKIAEXAMPLE").param("secretAccessKey", "typed-secret"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"integration-region-error\"")
                .contains("<a href=\"#integration-region\">Region</a>:")
                .contains("zz-nowhere-9")
                .doesNotContain("id=\"integration-endpoint-error\"")
                .containsPattern("id=\"integration-secret\"[^>]*value=\"typed-secret\"");
        // A page asked for afresh never holds a secret.
        assertThat(mvc.perform(get("/integrations/new").session(user)).andReturn().getResponse().getContentAsString())
                .doesNotContain("typed-secret");
    }

    @Test
    void membersShareIntegrationPagesAndOtherAccountsGetNotFoundOnEachOfThem() throws Exception {
        Team team = Organizations.team(mvc, jdbc, "Pages");
        MockHttpSession outsider = signUp(mvc, "Pages Outsider", uniqueEmail("pagesoutsider"));
        String location = mvc.perform(form(post("/integrations"), "Shared reels", bucket, s3.secretKey()).session(team.admin()))
                .andReturn().getResponse().getRedirectedUrl();

        mvc.perform(get("/integrations").session(team.member())).andExpect(content().string(containsString("Shared reels")));
        mvc.perform(get(location).session(team.member())).andExpect(status().isOk());

        mvc.perform(get("/integrations").session(outsider)).andExpect(content().string(not(containsString("Shared reels"))));
        mvc.perform(get(location).session(outsider)).andExpect(status().isNotFound());
        mvc.perform(get(location + "/progress").session(outsider)).andExpect(status().isNotFound());
        mvc.perform(form(post(location), "Stolen", bucket, s3.secretKey()).session(outsider)).andExpect(status().isNotFound());
        mvc.perform(post(location + "/imports").session(outsider).with(csrf()).param("indexId", "x")).andExpect(status().isNotFound());
        mvc.perform(get(location + "/delete").session(outsider)).andExpect(status().isNotFound());
        mvc.perform(post(location + "/delete").session(outsider).with(csrf())).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select name from integrations where id = :id").param("id", location.substring(location.lastIndexOf('/') + 1))
                .query(String.class).single()).isEqualTo("Shared reels");
    }

    private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, String name, String bucketName,
            String secret) {
        return s3.integrationForm(request.with(csrf()), name, bucketName, "reels/", secret);
    }

    private String endpoint() {
        return s3.endpoint().toString();
    }
}
