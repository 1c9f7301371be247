package io.atrium.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Builds organizations through the Playground, as people do, for tests that need one. */
public final class Organizations {

    private Organizations() {
    }

    /** The signed-up admin's session, already working in the new organization. */
    public static MockHttpSession createWithAdmin(MockMvc mvc, String adminName, String adminEmail, String name)
            throws Exception {
        return createWithAdmin(Visitors.signUp(mvc, adminName, adminEmail), mvc, name);
    }

    /** An organization created by the logged-in {@code admin}, whose session then works in it. */
    public static MockHttpSession createWithAdmin(MockHttpSession admin, MockMvc mvc, String name) throws Exception {
        mvc.perform(post("/settings/organization").session(admin).with(csrf()).param("name", name))
                .andExpect(status().is3xxRedirection());
        return admin;
    }

    /** An organization with an admin and a member, each signed in and holding an API key of it. */
    public record Team(String name, MockHttpSession admin, MockHttpSession member, String adminKey, String memberKey) {
    }

    /**
     * A new organization named after the label, with its admin ("{@code <label> Admin}") and a member
     * ("{@code <label> Member}") who each made a key of it, named "admin" and "member".
     */
    public static Team team(MockMvc mvc, JdbcClient jdbc, String label) throws Exception {
        String who = label.toLowerCase(Locale.ROOT).replace(" ", "");
        String name = label + " " + UUID.randomUUID().toString().substring(0, 6);
        MockHttpSession admin = createWithAdmin(mvc, label + " Admin", Visitors.uniqueEmail(who + "admin"), name);
        MockHttpSession member = addMember(mvc, jdbc, admin, label + " Member", Visitors.uniqueEmail(who + "member"),
                "member");
        return new Team(name, admin, member, ApiKeys.create(mvc, admin, "admin"), ApiKeys.create(mvc, member, "member"));
    }

    /** Invites the address with the role, and has a new user sign up through the link; returns their session. */
    public static MockHttpSession addMember(MockMvc mvc, JdbcClient jdbc, MockHttpSession admin, String name,
            String email, String role) throws Exception {
        mvc.perform(post("/settings/members/invite").session(admin).with(csrf())
                        .param("emails", email).param("role", role))
                .andExpect(status().isOk());
        String token = Outbox.latestInvitationToken(jdbc, email);
        MockHttpSession member = new MockHttpSession();
        mvc.perform(post("/invitations/" + token + "/signup").session(member).with(csrf())
                        .param("name", name).param("password", Visitors.PASSWORD))
                .andExpect(status().is3xxRedirection());
        return member;
    }

    public static String userId(JdbcClient jdbc, String email) {
        return jdbc.sql("select id from users where email_key = lower(:email)").param("email", email)
                .query(String.class).single();
    }

    public static String organizationId(JdbcClient jdbc, String name) {
        return jdbc.sql("select id from accounts where name = :name").param("name", name).query(String.class).single();
    }
}
