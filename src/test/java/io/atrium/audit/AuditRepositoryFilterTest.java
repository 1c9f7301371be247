package io.atrium.audit;

import static io.atrium.shared.SqlTime.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.atrium.testsupport.RepositoryTest;
import io.atrium.testsupport.Rows;

/**
 * The SQL of the audit log's reading ({@link AuditRepository#find} and {@link AuditRepository#count}): entries go
 * in through the repository's own insert at chosen times, then each filter, the order and the paging are checked,
 * and another account's entries never appear. The API and the Settings page pass their filters on as they are
 * (AuditLogTest).
 */
@RepositoryTest
@Import(AuditRepository.class)
class AuditRepositoryFilterTest {

    private static final LocalDate DAY1 = LocalDate.parse("2026-03-01");
    private static final LocalDate DAY3 = DAY1.plusDays(2);

    @Autowired
    AuditRepository audit;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void entries() {
        Rows rows = new Rows(jdbc, at(DAY1, "08:00"));
        user("u_grace", "Grace Hopper", "grace@example.com");
        user("u_linus", "Linus Member", "linus_m@example.com");
        rows.account("acc_a");
        rows.account("acc_b");
        entry("e1", "acc_a", "u_grace", "organization.created", DAY1, "09:00");
        entry("e2", "acc_a", "u_grace", "invitation.created", DAY1, "09:01");
        // accepted and joined in one transaction: one instant, the id decides
        entry("e3", "acc_a", "u_linus", "invitation.accepted", DAY1, "09:02");
        entry("e4", "acc_a", "u_linus", "member.joined", DAY1, "09:02");
        entry("e5", "acc_a", "u_grace", "api_key.created", DAY1, "23:59:59.999");
        entry("e6", "acc_a", "u_grace", "member.role_changed", DAY3, "00:00");
        entry("e7", "acc_a", "u_grace", "member.role_changed", DAY3, "12:00");
        // done by Atrium itself: no actor
        entry("e8", "acc_a", null, "api_key.revoked", DAY3, "12:01");
        // the same people in another account, on the same days
        entry("b1", "acc_b", "u_grace", "member.role_changed", DAY3, "12:00");
        entry("b2", "acc_b", "u_linus", "member.joined", DAY1, "09:02");
    }

    @Test
    void withoutAFilterTheAccountsEntriesComeNewestFirstTheIdBreakingTies() {
        assertThat(ids(AuditFilter.NONE)).containsExactly("e8", "e7", "e6", "e5", "e4", "e3", "e2", "e1");
        assertThat(audit.count("acc_a", AuditFilter.NONE)).isEqualTo(8);
        assertThat(audit.find("acc_a", AuditFilter.NONE, false, 50, 0)).extracting(AuditEntry::id)
                .containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8");
    }

    @Test
    void pagesAreCutInTheDatabaseInTheSameOrder() {
        assertThat(audit.find("acc_a", AuditFilter.NONE, true, 3, 0)).extracting(AuditEntry::id)
                .containsExactly("e8", "e7", "e6");
        assertThat(audit.find("acc_a", AuditFilter.NONE, true, 3, 6)).extracting(AuditEntry::id)
                .containsExactly("e2", "e1");
        assertThat(audit.find("acc_a", AuditFilter.NONE, true, 3, 9)).isEmpty();
    }

    @Test
    void anActionIsMatchedExactlyOrByAPrefixEndingInADot() {
        assertThat(ids(action("member.role_changed"))).containsExactly("e7", "e6");
        assertThat(ids(action("member."))).containsExactly("e7", "e6", "e4");
        assertThat(ids(action("invitation."))).containsExactly("e3", "e2");
        assertThat(ids(action("member"))).as("a code without its dot is exact").isEmpty();
        assertThat(ids(action("member.role"))).as("and so is one without a final dot").isEmpty();
        assertThat(audit.count("acc_a", action("member."))).isEqualTo(3);
    }

    @Test
    void theActorIsAUserIdOrTextOfTheirNameOrEmailInAnyCase() {
        assertThat(ids(actor("HOPPER"))).containsExactly("e7", "e6", "e5", "e2", "e1");
        assertThat(ids(actor("Linus_M@Example.com"))).containsExactly("e4", "e3");
        assertThat(ids(actor("u_linus"))).containsExactly("e4", "e3");
        assertThat(ids(actor("example.com"))).as("never the entries without an actor")
                .containsExactly("e7", "e6", "e5", "e4", "e3", "e2", "e1");
        assertThat(audit.count("acc_a", actor("hopper"))).isEqualTo(5);
    }

    @Test
    void likeWildcardsInTheActorMatchOnlyThemselves() {
        assertThat(ids(actor("%"))).isEmpty();
        assertThat(ids(actor("_"))).as("only the email with an underscore").containsExactly("e4", "e3");
        assertThat(ids(actor("\\"))).isEmpty();
    }

    @Test
    void daysAreUtcDaysFromTheFirstToTheLastIncluded() {
        assertThat(ids(days(DAY1, DAY1))).containsExactly("e5", "e4", "e3", "e2", "e1");
        assertThat(ids(days(DAY1.plusDays(1), null))).containsExactly("e8", "e7", "e6");
        assertThat(ids(days(null, DAY1.plusDays(1)))).containsExactly("e5", "e4", "e3", "e2", "e1");
        assertThat(ids(days(DAY3, DAY3))).containsExactly("e8", "e7", "e6");
        assertThat(ids(days(null, DAY1.minusDays(1)))).isEmpty();
        assertThat(audit.count("acc_a", days(DAY1, DAY3))).isEqualTo(8);
    }

    @Test
    void filtersCombineAndNeverReachAnotherAccountsEntries() {
        assertThat(ids(new AuditFilter("hopper", "member.", DAY3, null))).containsExactly("e7", "e6");
        assertThat(audit.find("acc_b", AuditFilter.NONE, true, 50, 0)).extracting(AuditEntry::id)
                .containsExactly("b1", "b2");
        assertThat(audit.count("acc_b", actor("linus"))).isOne();
    }

    @Test
    void anEntryCarriesItsActorsNameAndEmailOfNowOrNoActor() {
        jdbc.sql("update users set name = 'Grace B. Hopper' where id = 'u_grace'").update();

        List<AuditEntry> entries = audit.find("acc_a", days(DAY3, DAY3), true, 50, 0);

        assertThat(entries.get(0).actor()).isNull();
        assertThat(entries.get(1).actor()).isEqualTo(new AuditEntry.Actor("u_grace", "Grace B. Hopper", "grace@example.com"));
        assertThat(entries.get(1).createdAt()).isEqualTo(at(DAY3, "12:00"));
        assertThat(entries.get(1).clientAddress()).isEqualTo("203.0.113.7");
    }

    private List<String> ids(AuditFilter filter) {
        return audit.find("acc_a", filter, true, 50, 0).stream().map(AuditEntry::id).toList();
    }

    private static AuditFilter action(String action) {
        return new AuditFilter(null, action, null, null);
    }

    private static AuditFilter actor(String actor) {
        return new AuditFilter(actor, null, null, null);
    }

    private static AuditFilter days(LocalDate from, LocalDate to) {
        return new AuditFilter(null, null, from, to);
    }

    private static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }

    /** An entry whose address ends in its number's last digit, 203.0.113.N. */
    private void entry(String id, String accountId, String actorUserId, String action, LocalDate day, String time) {
        audit.insert(id, accountId, actorUserId, action, "target of " + id, null,
                "203.0.113." + id.substring(id.length() - 1), at(day, time));
    }

    private void user(String id, String name, String email) {
        jdbc.sql("""
                insert into users (id, email, email_key, name, password_hash, created_at, updated_at)
                values (:id, :email, lower(:email), :name, 'not a hash', :t, :t)""")
                .param("id", id).param("email", email).param("name", name).param("t", utc(at(DAY1, "08:00"))).update();
    }
}
