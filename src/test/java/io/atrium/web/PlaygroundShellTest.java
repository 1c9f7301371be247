package io.atrium.web;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

@IntegrationTest
class PlaygroundShellTest extends ApplicationTest {

    @Test
    void visitorsWhoAreNotLoggedInAreSentToTheLogInPage() throws Exception {
        mvc.perform(get("/")).andExpect(redirectedUrl("/login"));
    }

    @Test
    void theLogInAndSignUpPagesAreOpenAndLinkToEachOther() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/signup\"")));
        mvc.perform(get("/signup")).andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/login\"")));
    }

    @Test
    void theProfileMenuShowsTheNameEmailProfileAndLogOut() throws Exception {
        String email = uniqueEmail("menu");
        MockHttpSession session = signUp(mvc, "Marie Curie", email);

        mvc.perform(get("/").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("aria-label=\"Account menu: Marie Curie\"")))
                .andExpect(content().string(containsString(">MC</summary>")))
                .andExpect(content().string(containsString("<strong>Marie Curie</strong>")))
                .andExpect(content().string(containsString(email)))
                .andExpect(content().string(containsString("href=\"/profile\"")))
                .andExpect(content().string(containsString("Log out")))
                .andExpect(content().string(containsString("Personal account")));
    }

    @Test
    void theSidebarLinksOnlyToPagesThatExist() throws Exception {
        MockHttpSession session = signUp(mvc, "Link Checker", uniqueEmail("links"));
        String home = mvc.perform(get("/").session(session)).andReturn().getResponse().getContentAsString();

        var links = java.util.regex.Pattern.compile("href=\"(/[^\"]*)\"").matcher(home).results()
                .map(m -> m.group(1)).distinct().toList();
        org.assertj.core.api.Assertions.assertThat(links).isNotEmpty();
        for (String link : links) {
            mvc.perform(get(link).session(session)).andExpect(status().isOk());
        }
    }

    @Test
    void theHomePageShowsTheApiBaseUrls() throws Exception {
        MockHttpSession session = signUp(mvc, "Api Reader", uniqueEmail("api"));

        mvc.perform(get("/").session(session))
                .andExpect(content().string(containsString("/v1.3</code>")))
                .andExpect(content().string(containsString("/api/v1</code>")))
                .andExpect(content().string(not(containsString("password"))));
    }
}
