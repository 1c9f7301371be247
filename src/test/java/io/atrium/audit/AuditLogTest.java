package io.atrium.audit;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTimeTest;
import io.atrium.testsupport.Outbox;
import io.atrium.testsupport.S3Server;

/**
 * The audit log (R-ORG-7): every change to membership, roles, invitations, keys, integrations and the organization
 * is recorded with who, what, when and from where, and only the account's admins read it, on Settings > Audit log
 * and through {@code GET /api/v1/audit-log}. Integrations are made against a real S3-compatible server (S3Proxy).
 */
@IntegrationTest
@TestPropertySource(properties = "atrium.integrations.allowed-addresses=127.0.0.1/32")
class AuditLogTest extends MovableTimeTest {

    static final S3Server s3 = S3Server.shared();

    /** What one change must have left in the log; {@code actorEmail} is null for what Atrium did by itself. */
    record Expected(String action, String actorEmail, String target, String address) {
    }

    /** A key made on Settings > API Keys, and the target its audit entries name. */
    record CreatedKey(String value, String target) {
    }

    /** An organization, its admin's session and address, and a key of the admin's that reads its log. */
    record Organization(String id, String name, MockHttpSession admin, String adminEmail, String readerKey) {
    }

    /** What {@link #twoDaysOfChanges} made: the admin's session and key, the member's id, the two days. */
    record TwoDays(MockHttpSession admin, String key, String memberId, LocalDate firstDay, LocalDate thirdDay) {
    }


    final String bucket = s3.newBucket("audit");

    /** The changes a test made, each as the log must show it. */
    private final List<Expected> expected = new ArrayList<>();

    @Test
    void creatingAndRenamingAnOrganizationAreRecordedWithWhoWhenAndFromWhere() throws Exception {
        Organization org = organization();
        String renamed = org.name() + " Studio";

        step().perform(post("/settings/organization/name").session(org.admin()).with(csrf()).with(from("203.0.113.3"))
                .param("name", renamed)).andExpect(redirectedUrl("/settings/organization"));
        expect("organization.renamed", org.adminEmail(), renamed, "203.0.113.3");

        assertTheLogHoldsExactlyWhatWasExpected(org.readerKey());
    }

    @Test
    void invitationsSentResentRevokedAndAcceptedAreRecorded() throws Exception {
        Organization org = organization();
        String tomEmail = uniqueEmail("tom");
        String unaEmail = uniqueEmail("una");

        invite(org, tomEmail, "member", "203.0.113.3");
        step().perform(post("/settings/members/invitations/" + invitationId(org.id(), tomEmail) + "/resend")
                .session(org.admin()).with(csrf()).with(from("203.0.113.4")))
                .andExpect(redirectedUrl("/settings/members/invitations"));
        expect("invitation.resent", org.adminEmail(), tomEmail, "203.0.113.4");
        invite(org, unaEmail, "admin", "203.0.113.5");
        step().perform(post("/settings/members/invitations/" + invitationId(org.id(), unaEmail) + "/revoke")
                .session(org.admin()).with(csrf()).with(from("203.0.113.6")))
                .andExpect(redirectedUrl("/settings/members/invitations"));
        expect("invitation.revoked", org.adminEmail(), unaEmail, "203.0.113.6");
        acceptBySigningUp("Tom Member", tomEmail, "203.0.113.7");

        assertTheLogHoldsExactlyWhatWasExpected(org.readerKey());
    }

    @Test
    void roleChangesAndLeavingAreRecordedWithTheRolesBeforeAndAfter() throws Exception {
        Organization org = organization();
        String tomEmail = uniqueEmail("tom");
        String vicEmail = uniqueEmail("vic");
        join(org, "Tom Member", tomEmail, "203.0.113.3");
        MockHttpSession vic = join(org, "Vic Member", vicEmail, "203.0.113.4");

        step().perform(post("/settings/members/" + userId(jdbc, tomEmail) + "/role").session(org.admin()).with(csrf())
                .with(from("203.0.113.5")).param("role", "admin")).andExpect(redirectedUrl("/settings/members"));
        expect("member.role_changed", org.adminEmail(), tomEmail, "203.0.113.5");
        step().perform(post("/settings/members/leave").session(vic).with(csrf()).with(from("203.0.113.6")))
                .andExpect(redirectedUrl("/"));
        expect("member.left", vicEmail, vicEmail, "203.0.113.6");

        assertThat(assertTheLogHoldsExactlyWhatWasExpected(org.readerKey()))
                .filteredOn(entry -> entry.get("action").equals("member.role_changed"))
                .singleElement().satisfies(entry -> assertThat(entry.get("details")).isEqualTo("from=member to=admin"));
    }

    @Test
    void removingAMemberIsRecordedWithTheRevocationOfTheirKeyByAtriumItself() throws Exception {
        Organization org = organization();
        String tomEmail = uniqueEmail("tom");
        MockHttpSession tom = join(org, "Tom Member", tomEmail, "203.0.113.3");
        String tomKey = createKey(tom, "Tom's laptop", "203.0.113.4").target();
        expect("api_key.created", tomEmail, tomKey, "203.0.113.4");

        step().perform(post("/settings/members/" + userId(jdbc, tomEmail) + "/remove").session(org.admin()).with(csrf())
                .with(from("203.0.113.5"))).andExpect(redirectedUrl("/settings/members"));
        expect("member.removed", org.adminEmail(), tomEmail, "203.0.113.5");
        // R-ORG-5: his key is revoked in the same transaction, by Atrium rather than by anyone.
        expect("api_key.revoked", null, tomKey, "203.0.113.5");

        assertTheLogHoldsExactlyWhatWasExpected(org.readerKey());
        mvc.perform(get("/settings/audit-log").session(org.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Removed a member")))
                .andExpect(content().string(containsString("<code class=\"muted nowrap\">member.removed</code>")))
                .andExpect(content().string(containsString(tomEmail)))
                .andExpect(content().string(containsString("203.0.113.5")))
                .andExpect(content().string(containsString("<span>Atrium</span>")))
                .andExpect(content().string(containsString("reason=membership_ended")))
                .andExpect(content().string(containsString("Olivia Auditor")));
    }

    @Test
    void apiKeysCreatedAndRevokedAreRecorded() throws Exception {
        Organization org = organization();

        String temporary = createKey(org.admin(), "Temporary", "203.0.113.3").target();
        expect("api_key.created", org.adminEmail(), temporary, "203.0.113.3");
        String temporaryId = jdbc.sql("select id from api_keys where account_id = :a and name = 'Temporary'")
                .param("a", org.id()).query(String.class).single();
        step().perform(post("/settings/api-keys/" + temporaryId + "/revoke").session(org.admin()).with(csrf())
                .with(from("203.0.113.4"))).andExpect(redirectedUrl("/settings/api-keys"));
        expect("api_key.revoked", org.adminEmail(), temporary, "203.0.113.4");

        assertTheLogHoldsExactlyWhatWasExpected(org.readerKey());
    }

    @Test
    void integrationsAddedChangedAndDeletedAreRecorded() throws Exception {
        Organization org = organization();

        String location = step().perform(s3.integrationForm(post("/integrations").session(org.admin()).with(csrf())
                        .with(from("203.0.113.3")), "Raw footage", bucket, "raw/", s3.secretKey()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        expect("integration.created", org.adminEmail(), "Raw footage", "203.0.113.3");
        step().perform(s3.integrationForm(post(location).session(org.admin()).with(csrf()).with(from("203.0.113.4")),
                        "Dailies", bucket, "raw/", null))
                .andExpect(redirectedUrl(location));
        expect("integration.updated", org.adminEmail(), "Dailies", "203.0.113.4");
        step().perform(post(location + "/delete").session(org.admin()).with(csrf()).with(from("203.0.113.5")))
                .andExpect(redirectedUrl("/integrations"));
        expect("integration.deleted", org.adminEmail(), "Dailies", "203.0.113.5");

        assertThat(assertTheLogHoldsExactlyWhatWasExpected(org.readerKey()).get(0).get("action"))
                .isEqualTo("integration.deleted");
    }

    @Test
    void deletingAnOrganizationTakesItsLogAlongAndIsRecordedInTheLogOfTheAdminWhoDeletedIt() throws Exception {
        Organization org = organization();

        step().perform(post("/settings/organization/delete").session(org.admin()).with(csrf()).with(from("203.0.113.9"))
                .param("confirmName", org.name())).andExpect(redirectedUrl("/"));

        assertThat(jdbc.sql("select count(*) from audit_log where account_id = :a").param("a", org.id())
                .query(Long.class).single()).isZero();
        mvc.perform(get("/settings/audit-log").session(org.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Deleted an organization")))
                .andExpect(content().string(containsString(org.name())))
                .andExpect(content().string(containsString("organization_id=" + org.id())))
                .andExpect(content().string(containsString("203.0.113.9")));
    }

    @Test
    void theApiFiltersByActionActorAndUtcDay() throws Exception {
        TwoDays log = twoDaysOfChanges();
        // First day: organization.created, then invitation.created with invitation.accepted and member.joined
        // (one instant), then api_key.created. Third day: two member.role_changed.

        List<String> all = actions(log.key(), Map.of());
        assertThat(all).containsExactlyInAnyOrder("member.role_changed", "member.role_changed", "api_key.created",
                "member.joined", "invitation.accepted", "invitation.created", "organization.created");
        assertThat(all.subList(0, 3)).containsExactly("member.role_changed", "member.role_changed", "api_key.created");
        assertThat(all.get(6)).isEqualTo("organization.created");
        assertThat(actions(log.key(), Map.of("action", "member."))).containsExactly("member.role_changed",
                "member.role_changed", "member.joined");
        assertThat(actions(log.key(), Map.of("actor", "HOPPER"))).containsExactly("member.role_changed",
                "member.role_changed", "api_key.created", "invitation.created", "organization.created");
        assertThat(actions(log.key(), Map.of("actor", log.memberId()))).containsExactlyInAnyOrder("member.joined",
                "invitation.accepted");
        assertThat(actions(log.key(), Map.of("from", log.firstDay().plusDays(1).toString()))).hasSize(2);
        assertThat(actions(log.key(), Map.of("to", log.firstDay().toString()))).hasSize(5);
        assertThat(actions(log.key(), Map.of("actor", "hopper", "action", "member.", "from", log.thirdDay().toString())))
                .hasSize(2);
    }

    @Test
    void theApiPagesNewestFirstAndSortsOldestFirstWhenAsked() throws Exception {
        TwoDays log = twoDaysOfChanges();

        auditLog(log.key(), Map.of("page_limit", "3")).andExpect(jsonPath("$.data.length()").value(3))
                .andExpect(jsonPath("$.page_info.limit_per_page").value(3))
                .andExpect(jsonPath("$.page_info.page").value(1))
                .andExpect(jsonPath("$.page_info.total_page").value(3))
                .andExpect(jsonPath("$.page_info.total_results").value(7));
        auditLog(log.key(), Map.of("page_limit", "3", "page", "3")).andExpect(jsonPath("$.data.length()").value(1))
                .andExpect(jsonPath("$.data[0].action").value("organization.created"));
        auditLog(log.key(), Map.of("page_limit", "3", "page", "4")).andExpect(status().isOk())
                .andExpect(jsonPath("$.data.length()").value(0));
        auditLog(log.key(), Map.of("sort_option", "asc")).andExpect(jsonPath("$.data[0].action").value("organization.created"));
    }

    @Test
    void filtersAndPagesTheApiCannotReadAreRefusedAsInvalidParameters() throws Exception {
        String key = ApiKeys.create(mvc, signUp(mvc, "Odd Asker", uniqueEmail("oddasker")), "Reader");

        for (Map<String, String> bad : List.of(Map.of("from", "2026-13-01"), Map.of("to", "last week"),
                Map.of("from", "2026-03-03", "to", "2026-03-01"), Map.of("action", "DROP TABLE"),
                Map.of("page_limit", "51"), Map.of("page", "0"), Map.of("sort_by", "updated_at"))) {
            auditLog(key, bad).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        }
    }

    @Test
    void theSettingsPageFiltersTooAndExplainsADateItCannotRead() throws Exception {
        TwoDays log = twoDaysOfChanges();

        String page = mvc.perform(get("/settings/audit-log").session(log.admin()).param("action", "member.role_changed"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).containsPattern("<option value=\"member.role_changed\"\\s+selected=\"selected\">");
        assertThat(count(page, "data-action=\"member.role_changed\"")).isEqualTo(2);
        assertThat(page).doesNotContain("data-action=\"invitation.accepted\"").contains("Clear");
        mvc.perform(get("/settings/audit-log").session(log.admin()).param("actor", "nobody-by-that-name"))
                .andExpect(content().string(containsString("No entries match these filters.")));
        mvc.perform(get("/settings/audit-log").session(log.admin()).param("from", "28/11/2026"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The from date must look like 2026-11-28 (a day in UTC).")));
    }

    @Test
    void thePageShowsFiftyEntriesAPageAndItsLinksKeepTheFilter() throws Exception {
        String memberEmail = uniqueEmail("toggled");
        MockHttpSession admin = createWithAdmin(mvc, "Page Turner", uniqueEmail("pager"), orgName());
        addMember(mvc, jdbc, admin, "Toggled Member", memberEmail, "member");
        String member = userId(jdbc, memberEmail);
        for (int i = 0; i < 50; i++) {
            step().perform(post("/settings/members/" + member + "/role").session(admin).with(csrf())
                    .param("role", i % 2 == 0 ? "admin" : "member")).andExpect(redirectedUrl("/settings/members"));
        }

        String first = mvc.perform(get("/settings/audit-log").session(admin).param("action", "member."))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Page 1 of 2 · 51 entries")))
                .andExpect(content().string(containsString("href=\"/settings/audit-log?action=member.&amp;page=2\"")))
                .andExpect(content().string(not(containsString("Newer"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(count(first, "data-action=")).isEqualTo(50);
        String second = mvc.perform(get("/settings/audit-log").session(admin).param("action", "member.").param("page", "2"))
                .andExpect(content().string(containsString("Page 2 of 2 · 51 entries")))
                .andExpect(content().string(containsString("href=\"/settings/audit-log?action=member.&amp;page=1\"")))
                .andReturn().getResponse().getContentAsString();
        assertThat(count(second, "data-action=")).isEqualTo(1);
        assertThat(second).contains("data-action=\"member.joined\"");
    }

    @Test
    void onlyAdminsReadTheLogAndNoAccountSeesAnothersEntries() throws Exception {
        String name = orgName();
        String adminEmail = uniqueEmail("keeper");
        String memberEmail = uniqueEmail("curious");
        MockHttpSession admin = createWithAdmin(mvc, "Log Keeper", adminEmail, name);
        MockHttpSession member = addMember(mvc, jdbc, admin, "Curious Member", memberEmail, "member");
        String memberKey = ApiKeys.create(mvc, member, "Member's key");

        mvc.perform(get("/").session(admin)).andExpect(content().string(containsString("href=\"/settings/audit-log\"")));
        mvc.perform(get("/").session(member)).andExpect(content().string(not(containsString("href=\"/settings/audit-log\""))));
        mvc.perform(get("/settings/audit-log").session(member)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/audit-log").header("x-api-key", memberKey))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("forbidden"));

        // Rights are those of now: promoted, the member reads the log with the same key; demoted again, not.
        String memberId = userId(jdbc, memberEmail);
        mvc.perform(post("/settings/members/" + memberId + "/role").session(admin).with(csrf()).param("role", "admin"));
        mvc.perform(get("/settings/audit-log").session(member)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/audit-log").header("x-api-key", memberKey)).andExpect(status().isOk());
        mvc.perform(post("/settings/members/" + memberId + "/role").session(admin).with(csrf()).param("role", "member"));
        mvc.perform(get("/settings/audit-log").session(member)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/audit-log").header("x-api-key", memberKey)).andExpect(status().isForbidden());

        // A personal account's owner is its admin (as for the plan, R-PLAN-1) and sees that account's log only.
        MockHttpSession outsider = signUp(mvc, "Out Sider", uniqueEmail("outsider"));
        mvc.perform(get("/").session(outsider)).andExpect(content().string(containsString("href=\"/settings/audit-log\"")));
        mvc.perform(get("/settings/audit-log").session(outsider))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Confirmed their email address")))
                .andExpect(content().string(not(containsString(adminEmail))));
        String outsiderKey = ApiKeys.create(mvc, outsider, "Outsider's key");
        auditLog(outsiderKey, Map.of()).andExpect(jsonPath("$.page_info.total_results").value(2));
        auditLog(outsiderKey, Map.of("action", "api_key.")).andExpect(jsonPath("$.page_info.total_results").value(1))
                .andExpect(jsonPath("$.data[0].action").value("api_key.created"))
                .andExpect(jsonPath("$.data[0].target").value(containsString("Outsider's key")));
        auditLog(outsiderKey, Map.of("action", "user.email_confirmed")).andExpect(jsonPath("$.page_info.total_results").value(1));
        auditLog(outsiderKey, Map.of("actor", userId(jdbc, adminEmail)))
                .andExpect(jsonPath("$.page_info.total_results").value(0));
        mvc.perform(get("/settings/audit-log").session(outsider).param("actor", adminEmail))
                .andExpect(content().string(not(containsString(name))));
    }

    // --- helpers ---

    /** A new organization, made by its admin from 203.0.113.1, and the admin's key to read its log (made from .2). */
    private Organization organization() throws Exception {
        String name = orgName();
        String adminEmail = uniqueEmail("auditor");
        MockHttpSession admin = signUp(mvc, "Olivia Auditor", adminEmail);
        step().perform(post("/settings/organization").session(admin).with(csrf()).with(from("203.0.113.1"))
                .param("name", name)).andExpect(redirectedUrl("/settings/organization"));
        expect("organization.created", adminEmail, name, "203.0.113.1");
        CreatedKey reader = createKey(admin, "Reader", "203.0.113.2");
        expect("api_key.created", adminEmail, reader.target(), "203.0.113.2");
        return new Organization(organizationId(jdbc, name), name, admin, adminEmail, reader.value());
    }

    private void expect(String action, String actorEmail, String target, String address) {
        expected.add(new Expected(action, actorEmail, target, address));
    }

    /**
     * Reads the whole log through {@code GET /api/v1/audit-log} and finds one entry for each expected change, with
     * its actor as the API shows one, and nothing more, newest first; the entries.
     */
    private List<Map<String, Object>> assertTheLogHoldsExactlyWhatWasExpected(String key) throws Exception {
        String body = auditLog(key, Map.of("page_limit", "50")).andExpect(status().isOk())
                .andExpect(jsonPath("$.page_info.total_results").value(expected.size()))
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> entries = JsonPath.read(body, "$.data");
        for (Expected change : expected) {
            assertThat(entries).as("an entry for %s", change).anySatisfy(entry -> {
                assertThat(entry.get("action")).isEqualTo(change.action());
                assertThat(entry.get("target")).isEqualTo(change.target());
                assertThat(entry.get("ip_address")).isEqualTo(change.address());
                if (change.actorEmail() == null) {
                    assertThat(entry.get("actor")).isNull();
                } else {
                    assertThat(entry.get("actor")).isEqualTo(Map.of("_id", userId(jdbc, change.actorEmail()),
                            "name", nameOf(change.actorEmail()), "email", change.actorEmail()));
                }
            });
        }
        List<Instant> times = entries.stream().map(entry -> Instant.parse((String) entry.get("created_at"))).toList();
        assertThat(times).as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
        return entries;
    }

    /** Invites the address and has them sign up through the link, both from the address; their session. */
    private MockHttpSession join(Organization org, String name, String email, String address) throws Exception {
        invite(org, email, "member", address);
        return acceptBySigningUp(name, email, address);
    }

    /**
     * An organization whose log holds seven changes over two days: on the first, its creation by Grace Hopper,
     * Linus Member's invitation, acceptance and joining (one instant) and a key; on the third, two role changes.
     */
    private TwoDays twoDaysOfChanges() throws Exception {
        String memberEmail = uniqueEmail("linus");
        LocalDate firstDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        LocalDate thirdDay = firstDay.plusDays(2);
        moveClockTo(firstDay.atTime(9, 0).toInstant(ZoneOffset.UTC));
        MockHttpSession admin = createWithAdmin(mvc, "Grace Hopper", uniqueEmail("grace"), orgName());
        clock.advance(Duration.ofMinutes(1));
        addMember(mvc, jdbc, admin, "Linus Member", memberEmail, "member");
        clock.advance(Duration.ofMinutes(1));
        String key = ApiKeys.create(mvc, admin, "Reader");
        moveClockTo(thirdDay.atTime(12, 0).toInstant(ZoneOffset.UTC));
        String linus = userId(jdbc, memberEmail);
        for (String role : List.of("admin", "member")) {
            step().perform(post("/settings/members/" + linus + "/role").session(admin).with(csrf()).param("role", role))
                    .andExpect(redirectedUrl("/settings/members"));
        }
        return new TwoDays(admin, key, linus, firstDay, thirdDay);
    }

    /** Moves the clock on a minute, so each change has its own time and "newest first" is one order. */
    private MockMvc step() {
        clock.advance(Duration.ofMinutes(1));
        return mvc;
    }

    private void moveClockTo(Instant later) {
        clock.advance(Duration.between(clock.instant(), later));
    }

    private void invite(Organization org, String email, String role, String address) throws Exception {
        step().perform(post("/settings/members/invite").session(org.admin()).with(csrf()).with(from(address))
                .param("emails", email).param("role", role)).andExpect(status().isOk());
        expect("invitation.created", org.adminEmail(), email, address);
    }

    private MockHttpSession acceptBySigningUp(String name, String email, String address) throws Exception {
        MockHttpSession session = new MockHttpSession();
        step().perform(post("/invitations/" + Outbox.latestInvitationToken(jdbc, email) + "/signup").session(session)
                .with(csrf()).with(from(address)).param("name", name).param("password", PASSWORD))
                .andExpect(status().is3xxRedirection());
        expect("invitation.accepted", email, email, address);
        expect("member.joined", email, email, address);
        return session;
    }

    /** Creates a key on Settings > API Keys of the session's active account, where it is shown once. */
    private CreatedKey createKey(MockHttpSession session, String name, String address) throws Exception {
        step().perform(post("/settings/api-keys").session(session).with(csrf()).with(from(address))
                .param("name", name).param("expiration", "12")).andExpect(redirectedUrl("/settings/api-keys"));
        String key = ApiKeys.find(mvc.perform(get("/settings/api-keys").session(session)).andReturn().getResponse()
                .getContentAsString());
        return new CreatedKey(key, name + " (" + key.substring(0, 16) + ")");
    }

    private String invitationId(String accountId, String email) {
        return jdbc.sql("select id from invitations where account_id = :a and email = :e and status = 'pending'")
                .param("a", accountId).param("e", email).query(String.class).single();
    }

    private String nameOf(String email) {
        return jdbc.sql("select name from users where email_key = lower(:e)").param("e", email).query(String.class).single();
    }

    private ResultActions auditLog(String key, Map<String, String> parameters) throws Exception {
        MockHttpServletRequestBuilder request = get("/api/v1/audit-log").header("x-api-key", key);
        parameters.forEach(request::param);
        return mvc.perform(request);
    }

    private List<String> actions(String key, Map<String, String> parameters) throws Exception {
        Map<String, String> all = new HashMap<>(parameters);
        all.put("page_limit", "50");
        String body = auditLog(key, all).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.data[*].action");
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int found = 0;
        while (matcher.find()) {
            found++;
        }
        return found;
    }

    private static String orgName() {
        return "Ledger " + UUID.randomUUID().toString().substring(0, 6) + " Works";
    }
}
