package io.atrium.invitation;

import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.organizationId;
import static io.atrium.testsupport.Organizations.userId;
import static io.atrium.testsupport.Outbox.mailsTo;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

/**
 * R-INV-8: the daily limit counts every invitation email queued, resends included, and holds when requests arrive
 * at once; one invitation can be resent only a few times an hour.
 */
@IntegrationTest
class InvitationLimitTest extends ApplicationTest {

    @Autowired
    InvitationService invitations;

    @Test
    void resendingOneInvitationSixtyTimesSendsThreeMailsInTheHour() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Spam Admin", uniqueEmail("spammer"), orgName());
        String target = uniqueEmail("target");
        mvc.perform(post("/settings/members/invite").session(admin).with(csrf()).param("emails", target).param("role", "member"));
        String id = jdbc.sql("select id from invitations where email = :e").param("e", target).query(String.class).single();

        for (int i = 0; i < 60; i++) {
            mvc.perform(post("/settings/members/invitations/" + id + "/resend").session(admin).with(csrf()));
            mvc.perform(post("/settings/members/invite").session(admin).with(csrf()).param("emails", target).param("role", "member"));
        }

        assertThat(mailsTo(jdbc, target)).isEqualTo(3);
    }

    @Test
    void resendsCountAgainstTheDailyLimit() throws Exception {
        String name = orgName();
        MockHttpSession admin = createWithAdmin(mvc, "Daily Admin", uniqueEmail("daily"), name);
        List<String> invitees = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            invitees.add(uniqueEmail("daily" + i));
        }
        mvc.perform(post("/settings/members/invite").session(admin).with(csrf())
                .param("emails", String.join(",", invitees)).param("role", "member"));
        for (String invitee : invitees) {
            String id = jdbc.sql("select id from invitations where email = :e").param("e", invitee).query(String.class).single();
            mvc.perform(post("/settings/members/invitations/" + id + "/resend").session(admin).with(csrf()));
            mvc.perform(post("/settings/members/invitations/" + id + "/resend").session(admin).with(csrf()));
        }

        assertThat(invitees.stream().mapToLong(invitee -> mailsTo(jdbc, invitee)).sum()).isEqualTo(50);
        assertThat(jdbc.sql("select count(*) from invitation_sends where account_id = :a")
                .param("a", organizationId(jdbc, name)).query(Long.class).single()).isEqualTo(50);
    }

    @Test
    void sixtyOneInvitationsSentAtOnceLeaveFiftyPending() throws Exception {
        String name = orgName();
        String adminEmail = uniqueEmail("racing");
        createWithAdmin(mvc, "Racing Admin", adminEmail, name);
        String accountId = organizationId(jdbc, name);
        String adminId = userId(jdbc, adminEmail);

        int requests = 61;
        CyclicBarrier start = new CyclicBarrier(requests);
        List<Callable<Boolean>> invites = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String email = uniqueEmail("parallel" + i);
            invites.add(() -> {
                start.await();
                try {
                    return invitations.invite(new Actor(accountId, adminId, true, false), email, "member").get(0).result().sent();
                } catch (InvalidInputException e) {
                    return false;
                }
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        long sent = 0;
        try {
            for (Future<Boolean> result : threads.invokeAll(invites, 60, TimeUnit.SECONDS)) {
                sent += result.get() ? 1 : 0;
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(sent).isEqualTo(50);
        assertThat(jdbc.sql("select count(*) from invitations where account_id = :a and status = 'pending'")
                .param("a", accountId).query(Long.class).single()).isEqualTo(50);
    }

    private static String orgName() {
        return "Limits " + UUID.randomUUID().toString().substring(0, 8);
    }
}
