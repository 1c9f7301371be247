package io.atrium.index;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

@IntegrationTest
class IndexPagesTest extends ApplicationTest {

    @Test
    void aPersonCreatesRenamesAndDeletesAnIndexInThePlayground() throws Exception {
        MockHttpSession user = signUp(mvc, "Page Indexer", uniqueEmail("pageindexer"));
        mvc.perform(get("/indexes").session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("No indexes yet.")));
        mvc.perform(get("/indexes/new").session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Marengo 3.0")));

        String location = mvc.perform(post("/indexes").session(user).with(csrf()).param("name", "Match footage")
                        .param("models", "marengo3.0", "pegasus1.2").param("marengoOptions", "visual", "audio")
                        .param("pegasusOptions", "visual").param("thumbnail", "true"))
                .andExpect(redirectedUrlPattern("/indexes/*/videos"))
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(location).session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Index Match footage was created. Upload its first videos.")))
                .andExpect(content().string(containsString("multiple")));
        location = location.substring(0, location.length() - "/videos".length());
        mvc.perform(get(location).session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("marengo3.0")))
                .andExpect(content().string(containsString("pegasus1.2")))
                .andExpect(content().string(containsString("thumbnail")))
                .andExpect(content().string(containsString("<dd id=\"video-count\">0</dd>")));

        mvc.perform(post(location + "/name").session(user).with(csrf()).param("name", "Season 2026"))
                .andExpect(redirectedUrl(location));
        mvc.perform(get("/indexes").session(user)).andExpect(content().string(containsString("Season 2026")));
        mvc.perform(get(location + "/delete").session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Delete Season 2026?")));
        mvc.perform(post(location + "/delete").session(user).with(csrf())).andExpect(redirectedUrl("/indexes"));
        mvc.perform(get(location).session(user)).andExpect(status().isNotFound());
    }

    @Test
    void formErrorsAppearNextToTheirFieldsAndKeepWhatWasTyped() throws Exception {
        MockHttpSession user = signUp(mvc, "Form Checker", uniqueEmail("formchecker"));

        mvc.perform(post("/indexes").session(user).with(csrf()).param("name", "No model chosen"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose at least one model.")))
                .andExpect(content().string(containsString("value=\"No model chosen\"")));
        mvc.perform(post("/indexes").session(user).with(csrf()).param("name", "Mute").param("models", "marengo3.0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("visual, audio or both")));
        mvc.perform(post("/indexes").session(user).with(csrf()).param("name", "Twice").param("models", "marengo3.0")
                .param("marengoOptions", "visual"));
        mvc.perform(post("/indexes").session(user).with(csrf()).param("name", "Twice").param("models", "marengo3.0")
                        .param("marengoOptions", "visual"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("already exists in this account")));
    }

    @Test
    void organizationIndexesAreSharedByMembersAndHiddenFromOtherAccounts() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Shared Admin", uniqueEmail("sharedadmin"),
                "Studio " + UUID.randomUUID().toString().substring(0, 6));
        MockHttpSession member = addMember(mvc, jdbc, admin, "Shared Member", uniqueEmail("sharedmember"), "member");
        String location = mvc.perform(post("/indexes").session(admin).with(csrf()).param("name", "Team reel")
                        .param("models", "marengo3.0").param("marengoOptions", "visual"))
                .andReturn().getResponse().getRedirectedUrl().replace("/videos", "");
        MockHttpSession outsider = signUp(mvc, "Outsider", uniqueEmail("outsider"));

        mvc.perform(get("/indexes").session(member)).andExpect(content().string(containsString("Team reel")));
        mvc.perform(post(location + "/name").session(member).with(csrf()).param("name", "Team reel 2"))
                .andExpect(redirectedUrl(location));

        mvc.perform(get("/indexes").session(outsider)).andExpect(content().string(not(containsString("Team reel"))));
        mvc.perform(get(location).session(outsider)).andExpect(status().isNotFound());
        mvc.perform(post(location + "/name").session(outsider).with(csrf()).param("name", "Stolen")).andExpect(status().isNotFound());
        mvc.perform(get(location + "/delete").session(outsider)).andExpect(status().isNotFound());
        mvc.perform(post(location + "/delete").session(outsider).with(csrf())).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select name from indexes where id = :id").param("id", location.substring(location.lastIndexOf('/') + 1))
                .query(String.class).single()).isEqualTo("Team reel 2");
    }
}
