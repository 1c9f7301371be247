package io.atrium.mail;

import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.Jobs;
import io.atrium.testsupport.Outbox;
import io.atrium.testsupport.SmtpServer;
import io.atrium.testsupport.Visitors;
import jakarta.mail.internet.MimeMessage;

/** Mail over real SMTP: what arrives, and that an SMTP outage delays mail without losing it. */
@IntegrationTest
class SmtpDeliveryTest extends ApplicationTest {

    /** Retries come quickly here, and mail has a sender of its own to check. */
    @DynamicPropertySource
    static void smtpWithQuickRetries(DynamicPropertyRegistry registry) {
        SMTP.serve(registry);
        registry.add("atrium.mail.initial-backoff", () -> "200ms");
        registry.add("atrium.mail.from", () -> "Atrium <no-reply@atrium.test>");
    }

    @RegisterExtension
    static final SmtpServer SMTP = new SmtpServer();

    @Test
    void theInvitationArrivesOverSmtpWithTextAndHtmlPartsAndItsLinkWorks() throws Exception {
        SMTP.start();
        String name = "Relay " + UUID.randomUUID().toString().substring(0, 6) + " Co";
        MockHttpSession admin = adminOf(name, "Rita Relay", uniqueEmail("relay"));
        String invitee = uniqueEmail("inbox");

        mvc.perform(post("/settings/members/invite").session(admin).with(csrf()).param("emails", invitee).param("role", "member"));

        MimeMessage message = await().atMost(Duration.ofSeconds(20)).until(() -> SMTP.latestTo(invitee), m -> m != null);
        assertThat(message.getSubject()).isEqualTo("Rita Relay invited you to join " + name + " on Atrium");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Atrium <no-reply@atrium.test>");
        String text = SmtpServer.part(message, "text/plain");
        String html = SmtpServer.part(message, "text/html");
        assertThat(text).contains(name, "Rita Relay", "Regular user", "Accept invitation: ");
        assertThat(html).contains("Accept invitation", name);
        String token = Outbox.invitationToken(text);

        mvc.perform(get("/invitations/" + token))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(invitee)));
        // the server has the message before the outbox marks it sent: the mark follows within moments
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> mvc.perform(get("/settings/members/invitations")
                .session(admin)).andExpect(content().string(containsString(">Sent</span>"))));
        mvc.perform(get("/dev/inbox").session(admin)).andExpect(status().isNotFound());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                        "select text_body || html_body from mail_outbox where recipient = :to").param("to", invitee)
                .query(String.class).single()).doesNotContain(token).contains("removed once it was sent"));
    }

    @Test
    void anSmtpOutageDelaysTheInvitationWithRetriesAndLosesNothing() throws Exception {
        MockHttpSession admin = adminOf("Outage " + UUID.randomUUID().toString().substring(0, 6), "Patient Admin",
                uniqueEmail("patient"));
        SMTP.stop();
        String invitee = uniqueEmail("delayed");

        mvc.perform(post("/settings/members/invite").session(admin).with(csrf()).param("emails", invitee).param("role", "member"));

        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(invitee) >= 2);
        assertThat(jdbc.sql("select status from mail_outbox where recipient = :to").param("to", invitee)
                .query(String.class).single()).isEqualTo("pending");
        assertThat(jdbc.sql("select last_error from mail_outbox where recipient = :to").param("to", invitee)
                .query(String.class).single()).isNotBlank();
        mvc.perform(get("/settings/members/invitations").session(admin))
                .andExpect(content().string(containsString(">Retrying</span>")));

        SMTP.start();

        MimeMessage message = await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.latestTo(invitee), m -> m != null);
        assertThat(message.getSubject()).contains("Patient Admin invited you");
        await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(jdbc.sql(
                "select status from mail_outbox where recipient = :to").param("to", invitee).query(String.class).single()));
        assertThat(SMTP.received()).filteredOn(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(invitee);
            } catch (Exception e) {
                return false;
            }
        }).hasSize(1);
    }

    @Test
    void aMessageSentAgainAfterANodeDiedBeforeMarkingItSentCarriesTheSameMessageId() throws Exception {
        SMTP.start();
        MockHttpSession admin = adminOf("Repeat " + UUID.randomUUID().toString().substring(0, 6), "Twice Sent",
                uniqueEmail("twice"));
        String invitee = uniqueEmail("dedup");
        mvc.perform(post("/settings/members/invite").session(admin).with(csrf()).param("emails", invitee).param("role", "member"));
        String rowId = jdbc.sql("select id from mail_outbox where recipient = :to").param("to", invitee)
                .query(String.class).single();
        await().atMost(Duration.ofSeconds(20)).until(() -> receivedBy(invitee).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(jdbc.sql(
                "select status from mail_outbox where recipient = :to").param("to", invitee).query(String.class).single()));

        // What a node that died between the SMTP server's 250 and marking the row sent leaves: the row pending
        // with no attempt recorded, and its delivery job held by the dead node.
        jdbc.sql("update mail_outbox set status = 'pending', attempts = 0, sent_at = null where id = :id")
                .param("id", rowId).update();
        Jobs.pickedByADeadNode(jdbc, "mail-delivery", rowId);

        await().atMost(Duration.ofSeconds(20)).until(() -> receivedBy(invitee).size() == 2);
        List<MimeMessage> copies = receivedBy(invitee);
        String first = copies.get(0).getMessageID();
        assertThat(copies.get(1).getMessageID()).as("the retry's Message-ID").isEqualTo(first);
        assertThat(first).startsWith("<" + rowId + "@").endsWith(">");
    }

    private List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(SMTP.received()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private int attempts(String recipient) {
        return jdbc.sql("select attempts from mail_outbox where recipient = :to").param("to", recipient)
                .query(Integer.class).optional().orElse(0);
    }

    /** An organization's admin, who confirmed their address through the mail this SMTP server received. */
    private MockHttpSession adminOf(String organization, String name, String email) throws Exception {
        return createWithAdmin(Visitors.signUp(mvc, name, email, SMTP.mailbox()), mvc, organization);
    }
}
