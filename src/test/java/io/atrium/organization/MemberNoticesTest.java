package io.atrium.organization;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.userId;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.util.HtmlUtils;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Mailbox;

/** Issue 15 items 3 and 5: people are told what others did to their membership, and roles say what they allow. */
@IntegrationTest
class MemberNoticesTest extends ApplicationTest {

    private static String orgName() {
        return "Harbor " + UUID.randomUUID().toString().substring(0, 6) + " Labs";
    }

    @Test
    void aRemovedMemberSeesWhatHappenedOnTheirNextPageOnceAndReceivesAnEmail() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Rita Remover", uniqueEmail("remover"), name);
        String memberEmail = uniqueEmail("removed");
        MockHttpSession member = addMember(mvc, jdbc, admin, "Ron Removed", memberEmail, "member");

        mvc.perform(post("/settings/members/" + userId(jdbc, memberEmail) + "/remove").session(admin).with(csrf()));

        mvc.perform(get("/").session(member))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("An administrator removed you from " + name)));
        mvc.perform(get("/").session(member))
                .andExpect(content().string(not(containsString("removed you from"))));
        assertThat(Mailbox.outbox(jdbc).newestText(memberEmail, "You were removed from " + name))
                .hasValueSatisfying(text -> assertThat(text).contains("Hello Ron Removed")
                        .contains("API keys you created for it were revoked"));
        // the admin who did it is told by their own page, not by a notice
        mvc.perform(get("/").session(admin)).andExpect(content().string(not(containsString("removed you"))));
    }

    @Test
    void everyOtherMemberOfADeletedOrganizationIsToldOnTheirNextPageAndByEmail() throws Exception {
        String name = orgName();
        String adminEmail = uniqueEmail("deleter");
        MockHttpSession admin = createWithAdmin(mvc, "Dora Deleter", adminEmail, name);
        String memberEmail = uniqueEmail("orphan");
        MockHttpSession member = addMember(mvc, jdbc, admin, "Otto Orphan", memberEmail, "member");

        mvc.perform(post("/settings/organization/delete").session(admin).with(csrf()).param("confirmName", name));

        mvc.perform(get("/indexes").session(member))
                .andExpect(content().string(containsString("An administrator deleted the organization " + name)));
        assertThat(Mailbox.outbox(jdbc).newestText(memberEmail, name + " was deleted")).isPresent();
        assertThat(Mailbox.outbox(jdbc).newestText(adminEmail, name + " was deleted")).isEmpty();
    }

    @Test
    void aRoleChangeIsSaidOnTheAdminsPageAndAnnouncedToThePerson() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Alan Admin", uniqueEmail("alan"), name);
        String graceEmail = uniqueEmail("grace");
        MockHttpSession grace = addMember(mvc, jdbc, admin, "Grace Hopper", graceEmail, "member");

        mvc.perform(post("/settings/members/" + userId(jdbc, graceEmail) + "/role").session(admin).with(csrf())
                        .param("role", "admin"))
                .andExpect(flash().attribute("notice", "Grace Hopper is now an Administrator."));

        assertThat(Mailbox.outbox(jdbc).newestText(graceEmail, "You are now an Administrator of " + name)).isPresent();
        mvc.perform(get("/").session(grace))
                .andExpect(content().string(containsString("You are now an Administrator of " + name)));
    }

    @Test
    void theLeavePageListsTheKeysThatWillBeRevoked() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Kim Keeper", uniqueEmail("kim"), orgName());
        MockHttpSession member = addMember(mvc, jdbc, admin, "Lee Leaver", uniqueEmail("leaver"), "member");
        ApiKeys.create(mvc, member, "Nightly export");

        mvc.perform(get("/settings/members/leave").session(member))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("will be revoked")))
                .andExpect(content().string(containsString("<li>Nightly export (atk_")))
                .andExpect(content().string(containsString("Leave organization")));
    }

    @Test
    void theLeavePageRefusesTheLastAdministratorBeforeAskingToConfirm() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Solo Admin", uniqueEmail("soloadmin"), orgName());

        mvc.perform(get("/settings/members/leave").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("You are the organization's last administrator")))
                .andExpect(content().string(not(containsString("Leave organization</button>"))));
    }

    @Test
    void theInviteFormAndMembersSayWhatEachRoleMayDo() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Rhea Roles", uniqueEmail("rhea"), orgName());
        MockHttpSession member = addMember(mvc, jdbc, admin, "Max Member", uniqueEmail("max"), "member");

        for (String page : new String[] {"/settings/members/invite", "/settings/members"}) {
            mvc.perform(get(page).session(admin))
                    .andExpect(content().string(containsString(HtmlUtils.htmlEscape(Role.ADMIN.description()))))
                    .andExpect(content().string(containsString(HtmlUtils.htmlEscape(Role.MEMBER.description()))));
        }
        mvc.perform(get("/settings/members").session(member))
                .andExpect(content().string(containsString("What each role may do")));
        mvc.perform(get("/settings/members").session(admin))
                .andExpect(content().string(containsString("class=\"role-confirm\" hidden")));
    }
}
