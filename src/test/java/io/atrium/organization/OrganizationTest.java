package io.atrium.organization;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.organizationId;
import static io.atrium.testsupport.Organizations.userId;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

@IntegrationTest
class OrganizationTest extends ApplicationTest {

    private static String orgName() {
        return "Nimbus " + UUID.randomUUID().toString().substring(0, 6) + " Works";
    }

    @Test
    void creatingAnOrganizationMakesTheCreatorAdminAndSwitchesToItAtOnce() throws Exception {
        String name = orgName();
        String email = uniqueEmail("founder");
        MockHttpSession admin = signUp(mvc, "Frida Founder", email);

        mvc.perform(post("/settings/organization").session(admin).with(csrf()).param("name", name))
                .andExpect(redirectedUrl("/settings/organization"));

        mvc.perform(get("/settings/organization").session(admin))
                .andExpect(content().string(containsString(">NW</summary>")))
                .andExpect(content().string(containsString("Organization account")))
                .andExpect(content().string(containsString("<dd id=\"member-count\">1</dd>")))
                .andExpect(content().string(containsString("Administrator")))
                .andExpect(content().string(containsString("Free")));
        String orgId = organizationId(jdbc, name);
        assertThat(jdbc.sql("select role from memberships where account_id = :a and user_id = :u")
                .param("a", orgId).param("u", userId(jdbc, email)).query(String.class).single()).isEqualTo("admin");
        assertThat(audit(orgId)).contains("organization.created");
    }

    @Test
    void eachUserCanCreateOnlyOneOrganization() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Solo Founder", uniqueEmail("solo"), orgName());
        mvc.perform(post("/accounts/switch").session(admin).with(csrf())
                .param("accountId", personalAccountId(admin)).param("returnTo", "/"));

        mvc.perform(post("/settings/organization").session(admin).with(csrf()).param("name", orgName()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("You have already created an organization")));
    }

    @Test
    void overlongAndControlCharacterNamesAreRefusedNextToTheField() throws Exception {
        MockHttpSession user = signUp(mvc, "Namer", uniqueEmail("namer"));
        mvc.perform(post("/settings/organization").session(user).with(csrf()).param("name", "A".repeat(101)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Use at most 100 characters.")));
        mvc.perform(post("/settings/organization").session(user).with(csrf()).param("name", "Acme\r\nBcc: x@y.z"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("characters that are not allowed")));
    }

    @Test
    void onlyAdminsRenameOrDeleteAndMembersDoNotSeeThoseControls() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Ada Admin", uniqueEmail("admin"), name);
        MockHttpSession member = addMember(mvc, jdbc, admin, "Mo Member", uniqueEmail("member"), "member");

        mvc.perform(get("/settings/organization").session(member))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Delete organization"))))
                .andExpect(content().string(not(containsString("action=\"/settings/organization/name\""))));
        mvc.perform(post("/settings/organization/name").session(member).with(csrf()).param("name", "Hijacked"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/settings/organization/delete").session(member)).andExpect(status().isNotFound());
        mvc.perform(post("/settings/organization/delete").session(member).with(csrf()).param("confirmName", name))
                .andExpect(status().isNotFound());

        mvc.perform(post("/settings/organization/name").session(admin).with(csrf()).param("name", name + " Renamed"))
                .andExpect(redirectedUrl("/settings/organization"));
        assertThat(audit(organizationId(jdbc, name + " Renamed"))).contains("organization.renamed");
    }

    @Test
    void deletingNeedsTheExactNameThenRemovesEverythingAndMembersFallBackToPersonal() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Del Admin", uniqueEmail("deladmin"), name);
        String memberEmail = uniqueEmail("delmember");
        MockHttpSession member = addMember(mvc, jdbc, admin, "Del Member", memberEmail, "member");
        String orgId = organizationId(jdbc, name);

        mvc.perform(post("/settings/organization/delete").session(admin).with(csrf()).param("confirmName", "wrong"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Type the organization")));
        assertThat(count("select count(*) from accounts where id = :id", orgId)).isOne();

        mvc.perform(post("/settings/organization/delete").session(admin).with(csrf()).param("confirmName", name))
                .andExpect(redirectedUrl("/"));

        assertThat(count("select count(*) from accounts where id = :id", orgId)).isZero();
        assertThat(count("select count(*) from memberships where account_id = :id", orgId)).isZero();
        assertThat(count("select count(*) from invitations where account_id = :id", orgId)).isZero();
        mvc.perform(get("/").session(member))
                .andExpect(content().string(containsString(">DM</summary>")))
                .andExpect(content().string(containsString("Personal account")));
    }

    @Test
    void membersPagesAnswer404InAPersonalAccount() throws Exception {
        MockHttpSession user = signUp(mvc, "Lone User", uniqueEmail("lone"));

        mvc.perform(get("/settings/members").session(user)).andExpect(status().isNotFound());
        mvc.perform(get("/settings/members/leave").session(user)).andExpect(status().isNotFound());
        mvc.perform(get("/settings/members/invite").session(user)).andExpect(status().isNotFound());
        mvc.perform(get("/").session(user))
                .andExpect(content().string(not(containsString("href=\"/settings/members\""))));
    }

    @Test
    void switchingAccountsMovesTheCheckmarkAndIsRememberedAtTheNextLogIn() throws Exception {
        String email = uniqueEmail("switcher");
        MockHttpSession session = createWithAdmin(mvc, "Sam Switcher", email, orgName());
        String personal = personalAccountId(session);

        mvc.perform(post("/accounts/switch").session(session).with(csrf())
                        .param("accountId", personal).param("returnTo", "/profile"))
                .andExpect(redirectedUrl("/profile"));
        String page = mvc.perform(get("/").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(">SS</summary>");
        assertThat(activeChoice(page)).isEqualTo("Sam Switcher");

        MockHttpSession next = new MockHttpSession();
        mvc.perform(post("/login").session(next).with(csrf()).with(from("10.50.0.1"))
                .param("email", email).param("password", PASSWORD)).andExpect(redirectedUrl("/"));
        assertThat(activeChoice(mvc.perform(get("/").session(next)).andReturn().getResponse().getContentAsString()))
                .isEqualTo("Sam Switcher");
    }

    @Test
    void switchingLeavesTheMembersPagesForHomeAndRefusesForeignAccounts() throws Exception {
        MockHttpSession session = createWithAdmin(mvc, "Page Keeper", uniqueEmail("keeper"), orgName());
        MockHttpSession stranger = createWithAdmin(mvc, "Stranger", uniqueEmail("stranger"), orgName());

        mvc.perform(post("/accounts/switch").session(session).with(csrf())
                        .param("accountId", personalAccountId(session)).param("returnTo", "/settings/members"))
                .andExpect(redirectedUrl("/"));
        mvc.perform(post("/accounts/switch").session(session).with(csrf())
                        .param("accountId", personalAccountId(session)).param("returnTo", "//evil.example.com/"))
                .andExpect(redirectedUrl("/"));
        mvc.perform(post("/accounts/switch").session(session).with(csrf())
                        .param("accountId", personalAccountId(session)).param("returnTo", "/{foo}"))
                .andExpect(redirectedUrl("/{foo}"));
        mvc.perform(post("/accounts/switch").session(stranger).with(csrf())
                        .param("accountId", personalAccountId(session)).param("returnTo", "/"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorRemovedNorLeave() throws Exception {
        String adminEmail = uniqueEmail("lastadmin");
        MockHttpSession admin = createWithAdmin(mvc, "Last Admin", adminEmail, orgName());
        String adminId = userId(jdbc, adminEmail);

        mvc.perform(post("/settings/members/" + adminId + "/role").session(admin).with(csrf()).param("role", "member"))
                .andExpect(redirectedUrl("/settings/members"))
                .andExpect(flash().attribute("error", containsString("last administrator")));
        mvc.perform(post("/settings/members/leave").session(admin).with(csrf()))
                .andExpect(redirectedUrl("/settings/members"))
                .andExpect(flash().attribute("error", containsString("last administrator")));
        assertThat(jdbc.sql("select role from memberships where user_id = :u").param("u", adminId)
                .query(String.class).single()).isEqualTo("admin");
    }

    @Test
    void adminsChangeRolesAndRemoveMembersWhoThenFallBackToPersonal() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Role Admin", uniqueEmail("roleadmin"), name);
        String memberEmail = uniqueEmail("promoted");
        MockHttpSession member = addMember(mvc, jdbc, admin, "Pat Promoted", memberEmail, "member");
        String memberId = userId(jdbc, memberEmail);
        String orgId = organizationId(jdbc, name);

        mvc.perform(post("/settings/members/" + memberId + "/role").session(admin).with(csrf()).param("role", "admin"))
                .andExpect(flash().attribute("notice", "Pat Promoted is now an Administrator."));
        mvc.perform(get("/settings/members/" + memberId + "/remove").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(memberEmail)));
        mvc.perform(post("/settings/members/" + memberId + "/remove").session(admin).with(csrf()))
                .andExpect(redirectedUrl("/settings/members"));

        assertThat(count("select count(*) from memberships where account_id = :id", orgId)).isOne();
        assertThat(audit(orgId)).contains("member.role_changed", "member.removed");
        mvc.perform(get("/").session(member)).andExpect(content().string(containsString(">PP</summary>")));
        mvc.perform(get("/settings/members").session(member)).andExpect(status().isNotFound());
    }

    @Test
    void membersSeeTheListButCannotChangeRolesOrRemoveAndCanLeave() throws Exception {
        String name = orgName();
        String adminEmail = uniqueEmail("keepadmin");
        MockHttpSession admin = createWithAdmin(mvc, "Keep Admin", adminEmail, name);
        MockHttpSession member = addMember(mvc, jdbc, admin, "Lea Leaver", uniqueEmail("leaver"), "member");

        mvc.perform(get("/settings/members").session(member))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(adminEmail)))
                .andExpect(content().string(not(containsString("<select"))));
        // what a member may not do is hidden from them: the form answers like a missing page
        mvc.perform(post("/settings/members/" + userId(jdbc, adminEmail) + "/role").session(member).with(csrf())
                .param("role", "member")).andExpect(status().isNotFound());
        mvc.perform(post("/settings/members/" + userId(jdbc, adminEmail) + "/remove").session(member).with(csrf()))
                .andExpect(status().isNotFound());

        mvc.perform(post("/settings/members/leave").session(member).with(csrf())).andExpect(redirectedUrl("/"));
        assertThat(audit(organizationId(jdbc, name))).contains("member.left");
    }

    @Test
    void anotherOrganizationsMembersAndPagesAnswer404() throws Exception {
        String victimAdminEmail = uniqueEmail("victimadmin");
        MockHttpSession victimAdmin = createWithAdmin(mvc, "Victim Admin", victimAdminEmail, orgName());
        String victimMemberEmail = uniqueEmail("victimmember");
        addMember(mvc, jdbc, victimAdmin, "Victim Member", victimMemberEmail, "member");
        String victimMember = userId(jdbc, victimMemberEmail);
        MockHttpSession attacker = createWithAdmin(mvc, "Attacker Admin", uniqueEmail("attacker"), orgName());

        mvc.perform(get("/settings/members/" + victimMember + "/remove").session(attacker)).andExpect(status().isNotFound());
        mvc.perform(post("/settings/members/" + victimMember + "/remove").session(attacker).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/settings/members/" + victimMember + "/role").session(attacker).with(csrf())
                .param("role", "admin")).andExpect(status().isNotFound());
        mvc.perform(post("/accounts/switch").session(attacker).with(csrf())
                        .param("accountId", jdbc.sql("select account_id from memberships where user_id = :u")
                                .param("u", victimMember).query(String.class).single()).param("returnTo", "/"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from memberships where user_id = :u").param("u", victimMember)
                .query(Long.class).single()).isOne();
    }

    private String personalAccountId(MockHttpSession session) throws Exception {
        String page = mvc.perform(get("/").session(session)).andReturn().getResponse().getContentAsString();
        var matcher = java.util.regex.Pattern.compile(
                "name=\"accountId\" value=\"([0-9a-f]{24})\"").matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /** The name on the menu entry that carries the checkmark. */
    private static String activeChoice(String page) {
        var matcher = java.util.regex.Pattern.compile(
                "aria-current=\"true\">.*?class=\"account-name\">([^<]+)</span>", java.util.regex.Pattern.DOTALL)
                .matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private long count(String sql, String id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private java.util.List<String> audit(String accountId) {
        return jdbc.sql("select action from audit_log where account_id = :id").param("id", accountId)
                .query(String.class).list();
    }
}
