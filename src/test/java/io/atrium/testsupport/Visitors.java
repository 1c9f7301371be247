package io.atrium.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.UUID;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Steps a visitor takes in the Playground, for tests that need a logged-in user. */
public final class Visitors {

    public static final String PASSWORD = "violet-harbor-2931";

    private Visitors() {
    }

    /** An address no other test uses, so tests can share one database. */
    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A client address of its own, so log-in throttling by address in one test never touches another. */
    public static RequestPostProcessor from(String clientAddress) {
        return request -> {
            request.setRemoteAddr(clientAddress);
            return request;
        };
    }

    /** Signs up and returns the logged-in session. */
    public static MockHttpSession signUp(MockMvc mvc, String name, String email) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/signup").session(session).with(csrf())
                        .param("name", name).param("email", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/"));
        return session;
    }
}
