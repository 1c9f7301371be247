package io.atrium.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** The subject of the confirmation mail, to find it in a {@link Mailbox}. */
    public static final String CONFIRMATION_SUBJECT = "Confirm your email address";
    /** Where the confirmation link leads, before its token. */
    public static final String CONFIRMATION_PATH = "/confirm-email/";

    /**
     * Signs up, follows the confirmation link mailed to the address (in the development outbox), logs in, and returns
     * the logged-in session of a user who may do everything.
     */
    public static MockHttpSession signUp(MockMvc mvc, String name, String email) throws Exception {
        JdbcClient jdbc = mvc.getDispatcherServlet().getWebApplicationContext().getBean(JdbcClient.class);
        return signUp(mvc, name, email, Mailbox.outbox(jdbc));
    }

    /** As {@link #signUp(MockMvc, String, String)}, reading the confirmation mail from {@code mailbox}. */
    public static MockHttpSession signUp(MockMvc mvc, String name, String email, Mailbox mailbox) throws Exception {
        mvc.perform(post("/signup").with(csrf()).param("name", name).param("email", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/check-email"));
        mvc.perform(get(mailbox.awaitLink(email, CONFIRMATION_SUBJECT, CONFIRMATION_PATH)))
                .andExpect(redirectedUrl("/login"));
        return logIn(mvc, email);
    }

    /** Logs in with {@link #PASSWORD} and returns the session. */
    public static MockHttpSession logIn(MockMvc mvc, String email) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).with(csrf()).param("email", email).param("password", PASSWORD))
                .andExpect(redirectedUrl("/"));
        return session;
    }
}
