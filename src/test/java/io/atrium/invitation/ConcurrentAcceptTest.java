package io.atrium.invitation;

import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.organizationId;
import static io.atrium.testsupport.Outbox.latestInvitationToken;
import static io.atrium.testsupport.Visitors.signUp;
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

import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

/** R-INV-7: accepting one invitation several times at once creates one membership. */
@IntegrationTest
class ConcurrentAcceptTest extends ApplicationTest {

    @Autowired
    InvitationService invitations;

    @RepeatedTest(3)
    void simultaneousAcceptsOfOneTokenCreateOneMembership() throws Exception {
        String name = "Accept Race " + UUID.randomUUID().toString().substring(0, 8);
        MockHttpSession admin = createWithAdmin(mvc, "Race Admin", uniqueEmail("raceadmin"), name);
        String invitee = uniqueEmail("racer");
        signUp(mvc, "Racer", invitee);
        mvc.perform(post("/settings/members/invite").session(admin).with(csrf()).param("emails", invitee).param("role", "member"));
        String token = latestInvitationToken(jdbc, invitee);
        String userId = jdbc.sql("select id from users where email = :e").param("e", invitee).query(String.class).single();

        int racers = 4;
        CyclicBarrier start = new CyclicBarrier(racers);
        List<Callable<String>> accepts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            accepts.add(() -> {
                start.await();
                try {
                    return invitations.accept(token, userId).name();
                } catch (InvitationUnusableException e) {
                    return "unusable";
                }
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        List<String> results = new ArrayList<>();
        try {
            for (Future<String> result : threads.invokeAll(accepts, 30, TimeUnit.SECONDS)) {
                results.add(result.get());
            }
        } finally {
            threads.shutdownNow();
        }

        String org = organizationId(jdbc, name);
        assertThat(jdbc.sql("select count(*) from memberships where account_id = :a and user_id = :u")
                .param("a", org).param("u", userId).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("select count(*) from audit_log where account_id = :a and action = 'invitation.accepted'")
                .param("a", org).query(Long.class).single()).isOne();
        assertThat(results).contains(name);
    }
}
