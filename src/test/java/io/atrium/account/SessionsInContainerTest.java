package io.atrium.account;

import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

/**
 * Profile > Sessions where the servlet container keeps the sessions (as in the MockMvc tests), so no store lists a
 * user's other sessions: the page still shows the current one, and signing out the others ends nothing.
 */
@IntegrationTest
class SessionsInContainerTest extends ApplicationTest {

    @Test
    void thePageListsTheCurrentSession() throws Exception {
        MockHttpSession session = signUp(mvc, "Container Kept", uniqueEmail("container"));

        mvc.perform(get("/profile/sessions").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This session")))
                .andExpect(content().string(containsString("You aren't logged in anywhere else.")));
    }

    @Test
    void signingOutAllOtherSessionsSaysThereWereNone() throws Exception {
        MockHttpSession session = signUp(mvc, "Container Kept", uniqueEmail("container"));

        mvc.perform(post("/profile/sessions/end-others").session(session).with(csrf()))
                .andExpect(redirectedUrl("/profile/sessions"))
                .andExpect(flash().attribute("notice", "There were no other sessions to sign out."));
    }
}
