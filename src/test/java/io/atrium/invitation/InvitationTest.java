package io.atrium.invitation;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.organizationId;
import static io.atrium.testsupport.Organizations.userId;
import static io.atrium.testsupport.Outbox.latestInvitationToken;
import static io.atrium.testsupport.Outbox.mailsTo;
import static io.atrium.testsupport.Visitors.PASSWORD;
import static io.atrium.testsupport.Visitors.from;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Mailbox;
import io.atrium.testsupport.Visitors;

@IntegrationTest
class InvitationTest extends ApplicationTest {

    private static String orgName() {
        return "Harbor " + UUID.randomUUID().toString().substring(0, 6) + " Labs";
    }

    @Test
    void eachAddressIsReportedByNameAndOnlyValidNewOnesAreInvited() throws Exception {
        String adminEmail = uniqueEmail("inviter");
        MockHttpSession admin = createWithAdmin(mvc, "Ivy Inviter", adminEmail, orgName());
        String first = uniqueEmail("first");
        String second = uniqueEmail("second");

        String page = invite(admin, first + ", not-an-address, " + second.toUpperCase() + "\n" + second + "; " + adminEmail, "member")
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("data-result=\"INVITED\"", "not-an-address", "Not a valid email address.",
                "Listed more than once", "Already a member of this organization.");
        assertThat(mailsTo(jdbc, first)).isOne();
        assertThat(mailsTo(jdbc, second)).isOne();
        assertThat(Mailbox.outbox(jdbc).newestText(adminEmail, "invited you")).isEmpty();
    }

    @Test
    void theInvitationEmailNamesTheOrganizationInviterAndRoleAndLinksToThisServer() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Mail Writer", uniqueEmail("writer"), name);
        String invitee = uniqueEmail("reader");

        invite(admin, invitee, "admin").andExpect(status().isOk());

        var mail = jdbc.sql("select subject, text_body, html_body from mail_outbox where recipient = :to")
                .param("to", invitee).query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).single();
        assertThat(mail.get(0)).isEqualTo("Mail Writer invited you to join " + name + " on Atrium");
        assertThat(mail.get(1)).contains(name, "Mail Writer", "an Administrator", "Accept invitation: http://localhost");
        assertThat(mail.get(2)).contains("Accept invitation", name, "Administrator");
        String token = latestInvitationToken(jdbc, invitee);
        assertThat(jdbc.sql("select token_hash from invitations where email = :e").param("e", invitee)
                .query(String.class).single()).hasSize(64).isNotEqualTo(token);
    }

    @Test
    void anEmptyListOrAnUnknownRoleIsRefusedAndNothingIsSent() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Careful Admin", uniqueEmail("careful"), orgName());
        String invitee = uniqueEmail("never");

        invite(admin, " , ", "member")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Enter at least one email address.")));
        invite(admin, invitee, "owner")
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Choose a role")));
        assertThat(mailsTo(jdbc, invitee)).isZero();
    }

    @Test
    void aVisitorSignsUpWithTheInvitedAddressAndLandsInTheOrganization() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Host Admin", uniqueEmail("host"), name);
        String invitee = uniqueEmail("newcomer");
        invite(admin, invitee, "member");
        String token = latestInvitationToken(jdbc, invitee);

        mvc.perform(get("/invitations/" + token))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Sign up to accept")))
                .andExpect(content().string(containsString("Log in to accept")));
        mvc.perform(get("/invitations/" + token + "/signup"))
                .andExpect(content().string(containsString("value=\"" + invitee + "\" readonly")));

        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/invitations/" + token + "/signup").session(session).with(csrf())
                        .param("name", "Nina Newcomer").param("password", PASSWORD)
                        .param("email", "someone-else@example.com"))
                .andExpect(redirectedUrl("/"));

        mvc.perform(get("/").session(session))
                .andExpect(content().string(containsString(">HL</summary>")))
                .andExpect(content().string(containsString("Welcome to Atrium. You joined " + name)));
        assertThat(jdbc.sql("select email from users where id = :id").param("id", userId(jdbc, invitee))
                .query(String.class).single()).isEqualTo(invitee);
        assertThat(jdbc.sql("select count(*) from users where email = 'someone-else@example.com'").query(Long.class).single()).isZero();
        // The invitation proved the address: the newcomer may create keys at once.
        assertThat(ApiKeys.create(mvc, session, "Newcomer's key")).isNotBlank();
    }

    @Test
    void acceptingAnInvitationConfirmsTheAddressItWentTo() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Proof Admin", uniqueEmail("proof"), orgName());
        String invitee = uniqueEmail("unconfirmed");
        mvc.perform(post("/signup").with(csrf()).param("name", "Not Yet").param("email", invitee).param("password", PASSWORD))
                .andExpect(redirectedUrl("/check-email"));
        MockHttpSession session = Visitors.logIn(mvc, invitee);
        mvc.perform(post("/settings/members/invite").session(admin).with(csrf()).param("emails", invitee).param("role", "member"));

        mvc.perform(post("/invitations/" + latestInvitationToken(jdbc, invitee) + "/accept").session(session).with(csrf()))
                .andExpect(redirectedUrl("/"));

        assertThat(jdbc.sql("select email_confirmed_at is not null from users where id = :id")
                .param("id", userId(jdbc, invitee)).query(Boolean.class).single()).isTrue();
        mvc.perform(get("/").session(session)).andExpect(content().string(not(containsString("id=\"confirm-banner\""))));
    }

    @Test
    void aLoggedOutUserLogsInThroughTheLinkAndAcceptsInOneClick() throws Exception {
        String organization = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Door Admin", uniqueEmail("door"), organization);
        String invitee = uniqueEmail("existing");
        signUp(mvc, "Existing User", invitee);
        invite(admin, invitee, "member");
        String token = latestInvitationToken(jdbc, invitee);

        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/invitations/" + token + "/login").session(session)).andExpect(redirectedUrl("/login"));
        // "Log in to accept" says who invited whom to what, and fills in the invited address.
        String logIn = mvc.perform(get("/login").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(logIn).contains("Door Admin invited " + invitee + " to join " + organization + " as ")
                .containsPattern("id=\"email\"[^>]*value=\"" + java.util.regex.Pattern.quote(invitee) + "\"");
        mvc.perform(post("/login").session(session).with(csrf()).with(from("10.60.0.1"))
                        .param("email", invitee).param("password", PASSWORD))
                .andExpect(redirectedUrl("http://localhost/invitations/" + token + "/login"));
        mvc.perform(get("/invitations/" + token + "/login").session(session))
                .andExpect(redirectedUrl("/invitations/" + token));
        mvc.perform(get("/invitations/" + token).session(session))
                .andExpect(content().string(containsString("Accept invitation")));

        mvc.perform(post("/invitations/" + token + "/accept").session(session).with(csrf())).andExpect(redirectedUrl("/"));

        mvc.perform(get("/").session(session)).andExpect(content().string(containsString("Organization account")));
    }

    @Test
    void someoneLoggedInWithAnotherEmailIsRefusedAndNothingChanges() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Strict Admin", uniqueEmail("strict"), name);
        String invitee = uniqueEmail("rightful");
        invite(admin, invitee, "member");
        String token = latestInvitationToken(jdbc, invitee);
        MockHttpSession other = signUp(mvc, "Other Person", uniqueEmail("other"));

        mvc.perform(get("/invitations/" + token).session(other))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("This invitation is for another email address")));
        mvc.perform(post("/invitations/" + token + "/accept").session(other).with(csrf()))
                .andExpect(status().isForbidden());

        assertThat(memberCount(organizationId(jdbc, name))).isOne();
        mvc.perform(get("/invitations/" + token)).andExpect(status().isOk());
    }

    @Test
    void usedRevokedExpiredAndUnknownLinksShowOneClearPageAndChangeNothing() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Gate Admin", uniqueEmail("gate"), name);
        String used = uniqueEmail("used");
        addMember(mvc, jdbc, admin, "Used Link", used, "member");
        String usedToken = latestInvitationToken(jdbc, used);
        String revoked = uniqueEmail("revoked");
        String expired = uniqueEmail("expired");
        invite(admin, revoked + "," + expired, "member");
        String revokedToken = latestInvitationToken(jdbc, revoked);
        String expiredToken = latestInvitationToken(jdbc, expired);
        String revokedId = jdbc.sql("select id from invitations where email = :e").param("e", revoked).query(String.class).single();
        mvc.perform(get("/invitations/{token}/login", "{foo}").session(admin))
                .andExpect(redirectedUrl("/invitations/%7Bfoo%7D"));
        mvc.perform(get("/settings/members/invitations/" + revokedId + "/revoke").session(admin)).andExpect(status().isOk());
        mvc.perform(post("/settings/members/invitations/" + revokedId + "/revoke").session(admin).with(csrf()))
                .andExpect(redirectedUrl("/settings/members/invitations"));
        jdbc.sql("update invitations set expires_at = created_at - interval '1' day where email = :e").param("e", expired).update();

        String usedPage = null;
        for (String token : List.of(usedToken, revokedToken, expiredToken, "not-a-real-token")) {
            String page = mvc.perform(get("/invitations/" + token))
                    .andExpect(status().isNotFound())
                    .andExpect(content().string(containsString("This invitation can't be used")))
                    .andReturn().getResponse().getContentAsString();
            usedPage = usedPage == null ? page : usedPage;
            assertThat(page).isEqualTo(usedPage);
            mvc.perform(post("/invitations/" + token + "/signup").with(csrf())
                    .param("name", "Late Comer").param("password", PASSWORD)).andExpect(status().isNotFound());
        }
        assertThat(memberCount(organizationId(jdbc, name))).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from users where email in (:a, :b)").param("a", revoked).param("b", expired)
                .query(Long.class).single()).isZero();
    }

    @Test
    void invitingAgainReplacesTheLinkAndTheOldOneStopsWorking() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Resend Admin", uniqueEmail("resend"), orgName());
        String invitee = uniqueEmail("twice");
        invite(admin, invitee, "member");
        String oldToken = latestInvitationToken(jdbc, invitee);
        String id = jdbc.sql("select id from invitations where email = :e").param("e", invitee).query(String.class).single();

        mvc.perform(post("/settings/members/invitations/" + id + "/resend").session(admin).with(csrf()))
                .andExpect(redirectedUrl("/settings/members/invitations"));
        String newToken = latestInvitationToken(jdbc, invitee);
        invite(admin, invitee, "admin")
                .andExpect(content().string(containsString("Already invited: a new invitation was sent.")));
        String newestToken = latestInvitationToken(jdbc, invitee);

        assertThat(List.of(oldToken, newToken, newestToken)).doesNotHaveDuplicates();
        mvc.perform(get("/invitations/" + oldToken)).andExpect(status().isNotFound());
        mvc.perform(get("/invitations/" + newToken)).andExpect(status().isNotFound());
        mvc.perform(get("/invitations/" + newestToken)).andExpect(content().string(containsString("Administrator")));
        assertThat(jdbc.sql("select count(*) from invitations where email = :e").param("e", invitee)
                .query(Long.class).single()).isOne();
    }

    @Test
    void adminsSeePendingAndExpiredInvitationsWithTheirDeliveryState() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Watch Admin", uniqueEmail("watch"), orgName());
        String fresh = uniqueEmail("fresh");
        String stale = uniqueEmail("stale");
        invite(admin, fresh + "," + stale, "member");
        jdbc.sql("update invitations set expires_at = created_at - interval '1' day where email = :e").param("e", stale).update();

        mvc.perform(get("/settings/members/invitations").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(fresh)))
                .andExpect(content().string(containsString(stale)))
                .andExpect(content().string(containsString("Expired")))
                .andExpect(content().string(containsString("Resend")))
                .andExpect(content().string(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*(Queued|In development inbox).*")));
    }

    @Test
    void membersAndOtherOrganizationsGet404ForInvitationPages() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Owner Admin", uniqueEmail("owneradmin"), orgName());
        MockHttpSession member = addMember(mvc, jdbc, admin, "Plain Member", uniqueEmail("plain"), "member");
        String invitee = uniqueEmail("target");
        invite(admin, invitee, "member");
        String id = jdbc.sql("select id from invitations where email = :e").param("e", invitee).query(String.class).single();
        MockHttpSession outsider = createWithAdmin(mvc, "Outside Admin", uniqueEmail("outside"), orgName());

        for (MockHttpSession session : List.of(member, outsider)) {
            mvc.perform(get("/settings/members/invitations/" + id + "/revoke").session(session)).andExpect(status().isNotFound());
            mvc.perform(post("/settings/members/invitations/" + id + "/revoke").session(session).with(csrf())).andExpect(status().isNotFound());
            mvc.perform(post("/settings/members/invitations/" + id + "/resend").session(session).with(csrf())).andExpect(status().isNotFound());
        }
        mvc.perform(get("/settings/members/invitations").session(member)).andExpect(status().isNotFound());
        mvc.perform(get("/settings/members/invite").session(member)).andExpect(status().isNotFound());
        invite(member, uniqueEmail("x"), "admin")
                .andExpect(status().isNotFound());
        mvc.perform(get("/settings/members/invitations").session(outsider))
                .andExpect(content().string(not(containsString(invitee))));
        mvc.perform(get("/invitations/" + latestInvitationToken(jdbc, invitee))).andExpect(status().isOk());
    }

    @Test
    void anOrganizationCanSendFiftyInvitationsIn24Hours() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Busy Admin", uniqueEmail("busy"), orgName());
        String batch = IntStream.range(0, 50).mapToObj(i -> uniqueEmail("bulk" + i)).collect(Collectors.joining(","));
        invite(admin, batch, "member")
                .andExpect(content().string(not(containsString("LIMIT_REACHED"))));
        String oneMore = uniqueEmail("onemore");

        invite(admin, oneMore, "member")
                .andExpect(content().string(containsString("data-result=\"LIMIT_REACHED\"")))
                .andExpect(content().string(containsString("50 invitations in 24 hours")));
        assertThat(mailsTo(jdbc, oneMore)).isZero();
    }

    @Test
    void invitationChangesAreAudited() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Audit Admin", uniqueEmail("auditadmin"), name);
        addMember(mvc, jdbc, admin, "Audited Joiner", uniqueEmail("joiner"), "member");

        List<String> actions = new ArrayList<>(jdbc.sql("select action from audit_log where account_id = :a")
                .param("a", organizationId(jdbc, name)).query(String.class).list());
        assertThat(actions).contains("invitation.created", "invitation.accepted", "member.joined");
        assertThat(jdbc.sql("select count(*) from audit_log where client_address is null and account_id = :a")
                .param("a", organizationId(jdbc, name)).query(Long.class).single()).isZero();
    }

    /** Submits Settings > Members > Invite as the session, with the addresses as typed and the role. */
    private ResultActions invite(MockHttpSession session, String emails, String role) throws Exception {
        return mvc.perform(post("/settings/members/invite").session(session).with(csrf())
                .param("emails", emails).param("role", role));
    }

    private long memberCount(String orgId) {
        return jdbc.sql("select count(*) from memberships where account_id = :a").param("a", orgId).query(Long.class).single();
    }
}
