package io.atrium.account;

import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Outbox;

/**
 * Without SMTP, the development inbox is each user's own mailbox: an invitation to someone else, whose link would
 * let the reader join the organization, is neither listed nor readable.
 */
@IntegrationTest
class DevInboxTest extends ApplicationTest {

    @Test
    void aUserSeesOnlyMailToTheirOwnAddressAndAnotherMessageAnswers404() throws Exception {
        String organization = "Inbox " + UUID.randomUUID().toString().substring(0, 6);
        MockHttpSession admin = createWithAdmin(mvc, "Iris Admin", uniqueEmail("iris"), organization);
        String inviteeEmail = uniqueEmail("Invitee");
        MockHttpSession invitee = signUp(mvc, "Ivan Invitee", inviteeEmail);
        MockHttpSession snoop = signUp(mvc, "Sam Snoop", uniqueEmail("snoop"));
        mvc.perform(post("/settings/members/invite").session(admin).with(csrf())
                .param("emails", inviteeEmail).param("role", "admin")).andExpect(status().isOk());
        String token = Outbox.latestInvitationToken(jdbc, inviteeEmail);
        String mailId = jdbc.sql("select id from mail_outbox where recipient = :to and subject like '%invited you%'")
                .param("to", inviteeEmail).query(String.class).single();

        mvc.perform(get("/dev/inbox").session(snoop)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(token))))
                .andExpect(content().string(not(containsString(mailId))))
                .andExpect(content().string(containsString("Development mode")));
        mvc.perform(get("/dev/inbox/" + mailId).session(snoop)).andExpect(status().isNotFound());
        mvc.perform(get("/dev/inbox/" + mailId).session(admin)).andExpect(status().isNotFound());

        mvc.perform(get("/dev/inbox").session(invitee)).andExpect(status().isOk())
                .andExpect(content().string(containsString(token)));
        mvc.perform(get("/dev/inbox/" + mailId).session(invitee)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Development inbox: this server has no SMTP server")))
                .andExpect(content().string(containsString(token)));
    }
}
