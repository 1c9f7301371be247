package io.atrium.organization;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.organizationId;
import static io.atrium.testsupport.Organizations.userId;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

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

import io.atrium.shared.Actor;
import io.atrium.shared.ForbiddenException;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.LastAdminException;
import io.atrium.shared.NotFoundException;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

/** R-ORG-3 under concurrency: requests that each look fine alone must not leave an organization without an admin. */
@IntegrationTest
class ConcurrentMembershipTest extends ApplicationTest {

    @Autowired
    OrganizationService organizations;

    @RepeatedTest(3)
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        Pair pair = twoAdmins();

        List<Outcome> outcomes = race(
                () -> organizations.changeRole(adminActor(pair.first(), pair.org()), pair.second(), Role.MEMBER),
                () -> organizations.changeRole(adminActor(pair.second(), pair.org()), pair.first(), Role.MEMBER));

        assertThat(admins(pair.org())).isOne();
        assertThat(outcomes).containsExactlyInAnyOrder(Outcome.DONE, Outcome.REFUSED);
    }

    @RepeatedTest(3)
    void twoAdminsRemovingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        Pair pair = twoAdmins();

        race(() -> organizations.remove(adminActor(pair.first(), pair.org()), pair.second()),
                () -> organizations.remove(adminActor(pair.second(), pair.org()), pair.first()));

        assertThat(admins(pair.org())).isOne();
    }

    @RepeatedTest(3)
    void twoAdminsLeavingAtOnceLeaveOneAdmin() throws Exception {
        Pair pair = twoAdmins();

        race(() -> organizations.leave(adminActor(pair.first(), pair.org())), () -> organizations.leave(adminActor(pair.second(), pair.org())));

        assertThat(admins(pair.org())).isOne();
    }

    private record Pair(String org, String first, String second) {
    }

    private enum Outcome { DONE, REFUSED }

    private Pair twoAdmins() throws Exception {
        String name = "Race " + UUID.randomUUID().toString().substring(0, 8);
        String firstEmail = uniqueEmail("race-a");
        String secondEmail = uniqueEmail("race-b");
        MockHttpSession admin = createWithAdmin(mvc, "Race A", firstEmail, name);
        addMember(mvc, jdbc, admin, "Race B", secondEmail, "admin");
        return new Pair(organizationId(jdbc, name), userId(jdbc, firstEmail), userId(jdbc, secondEmail));
    }

    /** Starts both actions at the same instant on two threads; a refusal by the last-admin rule is an outcome. */
    private static List<Outcome> race(Runnable first, Runnable second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> results = threads.invokeAll(List.of(attempt(start, first), attempt(start, second)),
                    30, TimeUnit.SECONDS);
            return List.of(results.get(0).get(), results.get(1).get());
        } finally {
            threads.shutdownNow();
        }
    }

    private static Callable<Outcome> attempt(CyclicBarrier start, Runnable action) {
        return () -> {
            start.await();
            try {
                action.run();
                return Outcome.DONE;
            } catch (InvalidInputException e) {
                assertThat(e.problems().get(0).code()).isEqualTo(LastAdminException.CODE);
                return Outcome.REFUSED;
            } catch (ForbiddenException | NotFoundException e) {
                // The other request went first and took this actor's admin role or membership away.
                return Outcome.REFUSED;
            }
        };
    }

    private long admins(String org) {
        return jdbc.sql("select count(*) from memberships where account_id = :a and role = 'admin'")
                .param("a", org).query(Long.class).single();
    }

    /** An administrator acting in the organization, as a page or a key of theirs would. */
    private static Actor adminActor(String userId, String organizationId) {
        return new Actor(organizationId, userId, true, false);
    }

}
