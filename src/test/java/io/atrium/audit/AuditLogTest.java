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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTime;
import io.atrium.testsupport.MutableClock;
import io.atrium.testsupport.Outbox;
import io.atrium.testsupport.S3Server;

/**
 * The audit log (R-ORG-7): every change to membership, roles, invitations, keys, integrations and the organization
 * is recorded with who, what, when and from where, and only the account's admins read it, on Settings > Audit log
 * and through {@code GET /api/v1/audit-log}. Integrations are made against a real S3-compatible server (S3Proxy).
 */
@IntegrationTest
@TestPropertySource(properties = "atrium.integrations.allowed-addresses=127.0.0.1/32")
@Import(MovableTime.class)
class AuditLogTest extends ApplicationTest {

    static final S3Server s3 = S3Server.shared();

    /** What one change must have left in the log; {@code actorEmail} is null for what Atrium did by itself. */
    record Expected(String action, String actorEmail, String target, String address) {
    }

    /** A key made on Settings > API Keys, and the target its audit entries name. */
    record CreatedKey(String value, String target) {
    }

    @Autowired
    MutableClock clock;

    final String bucket = s3.newBucket("audit");

    @Test
    void everyChangeToMembershipRolesInvitationsKeysIntegrationsAndTheOrganizationIsRecordedWithWhoWhatWhenAndWhere()
            throws Exception {
        String name = orgName();
        String renamed = name + " Studio";
        String adminEmail = uniqueEmail("auditor");
        String tomEmail = uniqueEmail("tom");
        String unaEmail = uniqueEmail("una");
        String vicEmail = uniqueEmail("vic");
        List<Expected> expected = new ArrayList<>();
        MockHttpSession admin = signUp(mvc, "Olivia Auditor", adminEmail);

        step().perform(post("/settings/organization").session(admin).with(csrf()).with(from("203.0.113.1"))
                .param("name", name)).andExpect(redirectedUrl("/settings/organization"));
        expected.add(new Expected("organization.created", adminEmail, name, "203.0.113.1"));
        String orgId = organizationId(jdbc, name);

        step().perform(post("/settings/organization/name").session(admin).with(csrf()).with(from("203.0.113.2"))
                .param("name", renamed)).andExpect(redirectedUrl("/settings/organization"));
        expected.add(new Expected("organization.renamed", adminEmail, renamed, "203.0.113.2"));

        invite(admin, tomEmail, "member", "203.0.113.3");
        expected.add(new Expected("invitation.created", adminEmail, tomEmail, "203.0.113.3"));
        step().perform(post("/settings/members/invitations/" + invitationId(orgId, tomEmail) + "/resend")
                .session(admin).with(csrf()).with(from("203.0.113.4"))).andExpect(redirectedUrl("/settings/members/invitations"));
        expected.add(new Expected("invitation.resent", adminEmail, tomEmail, "203.0.113.4"));

        invite(admin, unaEmail, "admin", "203.0.113.5");
        expected.add(new Expected("invitation.created", adminEmail, unaEmail, "203.0.113.5"));
        step().perform(post("/settings/members/invitations/" + invitationId(orgId, unaEmail) + "/revoke")
                .session(admin).with(csrf()).with(from("203.0.113.6"))).andExpect(redirectedUrl("/settings/members/invitations"));
        expected.add(new Expected("invitation.revoked", adminEmail, unaEmail, "203.0.113.6"));

        MockHttpSession tom = acceptBySigningUp("Tom Member", tomEmail, "203.0.113.7");
        expected.add(new Expected("invitation.accepted", tomEmail, tomEmail, "203.0.113.7"));
        expected.add(new Expected("member.joined", tomEmail, tomEmail, "203.0.113.7"));
        invite(admin, vicEmail, "member", "203.0.113.8");
        expected.add(new Expected("invitation.created", adminEmail, vicEmail, "203.0.113.8"));
        MockHttpSession vic = acceptBySigningUp("Vic Member", vicEmail, "203.0.113.9");
        expected.add(new Expected("invitation.accepted", vicEmail, vicEmail, "203.0.113.9"));
        expected.add(new Expected("member.joined", vicEmail, vicEmail, "203.0.113.9"));

        step().perform(post("/settings/members/" + userId(jdbc, tomEmail) + "/role").session(admin).with(csrf())
                .with(from("203.0.113.10")).param("role", "admin")).andExpect(redirectedUrl("/settings/members"));
        expected.add(new Expected("member.role_changed", adminEmail, tomEmail, "203.0.113.10"));

        String tomKeyTarget = createKey(tom, "Tom's laptop", "203.0.113.11").target();
        expected.add(new Expected("api_key.created", tomEmail, tomKeyTarget, "203.0.113.11"));
        step().perform(post("/settings/members/" + userId(jdbc, tomEmail) + "/remove").session(admin).with(csrf())
                .with(from("203.0.113.12"))).andExpect(redirectedUrl("/settings/members"));
        expected.add(new Expected("member.removed", adminEmail, tomEmail, "203.0.113.12"));
        // R-ORG-5: his key is revoked in the same transaction, by Atrium rather than by anyone.
        expected.add(new Expected("api_key.revoked", null, tomKeyTarget, "203.0.113.12"));

        step().perform(post("/settings/members/leave").session(vic).with(csrf()).with(from("203.0.113.13")))
                .andExpect(redirectedUrl("/"));
        expected.add(new Expected("member.left", vicEmail, vicEmail, "203.0.113.13"));

        CreatedKey opsKey = createKey(admin, "Ops", "203.0.113.14");
        expected.add(new Expected("api_key.created", adminEmail, opsKey.target(), "203.0.113.14"));
        String tempKeyTarget = createKey(admin, "Temporary", "203.0.113.15").target();
        expected.add(new Expected("api_key.created", adminEmail, tempKeyTarget, "203.0.113.15"));
        String tempKeyId = jdbc.sql("select id from api_keys where account_id = :a and name = 'Temporary'")
                .param("a", orgId).query(String.class).single();
        step().perform(post("/settings/api-keys/" + tempKeyId + "/revoke").session(admin).with(csrf())
                .with(from("203.0.113.16"))).andExpect(redirectedUrl("/settings/api-keys"));
        expected.add(new Expected("api_key.revoked", adminEmail, tempKeyTarget, "203.0.113.16"));

        String location = step().perform(s3.integrationForm(post("/integrations").session(admin).with(csrf())
                        .with(from("203.0.113.17")), "Raw footage", bucket, "raw/", s3.secretKey()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        expected.add(new Expected("integration.created", adminEmail, "Raw footage", "203.0.113.17"));
        step().perform(s3.integrationForm(post(location).session(admin).with(csrf()).with(from("203.0.113.18")),
                        "Dailies", bucket, "raw/", null))
                .andExpect(redirectedUrl(location));
        expected.add(new Expected("integration.updated", adminEmail, "Dailies", "203.0.113.18"));
        step().perform(post(location + "/delete").session(admin).with(csrf()).with(from("203.0.113.19")))
                .andExpect(redirectedUrl("/integrations"));
        expected.add(new Expected("integration.deleted", adminEmail, "Dailies", "203.0.113.19"));

        String body = mvc.perform(get("/api/v1/audit-log").header("x-api-key", opsKey.value()).param("page_limit", "50"))
                .andExpect(status().isOk())
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
        assertThat(entries.get(0).get("action")).isEqualTo("integration.deleted");
        assertThat(entries).filteredOn(entry -> entry.get("action").equals("member.role_changed"))
                .singleElement().satisfies(entry -> assertThat(entry.get("details")).isEqualTo("from=member to=admin"));

        mvc.perform(get("/settings/audit-log").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Removed a member")))
                .andExpect(content().string(containsString("<code class=\"muted nowrap\">member.removed</code>")))
                .andExpect(content().string(containsString(tomEmail)))
                .andExpect(content().string(containsString("203.0.113.12")))
                .andExpect(content().string(containsString("<span>Atrium</span>")))
                .andExpect(content().string(containsString("reason=membership_ended")))
                .andExpect(content().string(containsString("Olivia Auditor")));

        // The organization's log goes with it; its deletion is kept in the log of the admin who deleted it.
        step().perform(post("/settings/organization/delete").session(admin).with(csrf()).with(from("203.0.113.20"))
                .param("confirmName", renamed)).andExpect(redirectedUrl("/"));
        assertThat(jdbc.sql("select count(*) from audit_log where account_id = :a").param("a", orgId)
                .query(Long.class).single()).isZero();
        mvc.perform(get("/settings/audit-log").session(admin))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Deleted an organization")))
                .andExpect(content().string(containsString(renamed)))
                .andExpect(content().string(containsString("organization_id=" + orgId)))
                .andExpect(content().string(containsString("203.0.113.20")));
    }

    @Test
    void entriesFilterByActorActionAndUtcDayAndPageNewestFirst() throws Exception {
        String adminEmail = uniqueEmail("grace");
        String memberEmail = uniqueEmail("linus");
        LocalDate firstDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        LocalDate thirdDay = firstDay.plusDays(2);
        moveClockTo(firstDay.atTime(9, 0).toInstant(ZoneOffset.UTC));
        MockHttpSession admin = createWithAdmin(mvc, "Grace Hopper", adminEmail, orgName());
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
        // First day: organization.created, then invitation.created with invitation.accepted and member.joined
        // (one instant), then api_key.created. Third day: two member.role_changed.

        List<String> all = actions(key, Map.of());
        assertThat(all).containsExactlyInAnyOrder("member.role_changed", "member.role_changed", "api_key.created",
                "member.joined", "invitation.accepted", "invitation.created", "organization.created");
        assertThat(all.subList(0, 3)).containsExactly("member.role_changed", "member.role_changed", "api_key.created");
        assertThat(all.get(6)).isEqualTo("organization.created");
        assertThat(actions(key, Map.of("action", "member.role_changed"))).containsExactly("member.role_changed",
                "member.role_changed");
        assertThat(actions(key, Map.of("action", "member."))).containsExactly("member.role_changed",
                "member.role_changed", "member.joined");
        assertThat(actions(key, Map.of("action", "invitation."))).containsExactlyInAnyOrder("invitation.accepted",
                "invitation.created");
        assertThat(actions(key, Map.of("action", "member"))).as("a code without its dot is exact").isEmpty();
        assertThat(actions(key, Map.of("actor", "HOPPER"))).containsExactly("member.role_changed",
                "member.role_changed", "api_key.created", "invitation.created", "organization.created");
        assertThat(actions(key, Map.of("actor", memberEmail.toUpperCase()))).containsExactlyInAnyOrder("member.joined",
                "invitation.accepted");
        assertThat(actions(key, Map.of("actor", linus))).containsExactlyInAnyOrder("member.joined", "invitation.accepted");
        assertThat(actions(key, Map.of("actor", "%"))).as("LIKE wildcards match only themselves").isEmpty();
        assertThat(actions(key, Map.of("from", firstDay.plusDays(1).toString()))).hasSize(2);
        assertThat(actions(key, Map.of("to", firstDay.toString()))).hasSize(5);
        assertThat(actions(key, Map.of("from", thirdDay.toString(), "to", thirdDay.toString()))).hasSize(2);
        assertThat(actions(key, Map.of("from", firstDay.toString(), "to", thirdDay.toString()))).hasSize(7);
        assertThat(actions(key, Map.of("to", firstDay.minusDays(1).toString()))).isEmpty();
        assertThat(actions(key, Map.of("actor", "hopper", "action", "member.", "from", thirdDay.toString()))).hasSize(2);

        auditLog(key, Map.of("page_limit", "3")).andExpect(jsonPath("$.data.length()").value(3))
                .andExpect(jsonPath("$.page_info.limit_per_page").value(3))
                .andExpect(jsonPath("$.page_info.page").value(1))
                .andExpect(jsonPath("$.page_info.total_page").value(3))
                .andExpect(jsonPath("$.page_info.total_results").value(7));
        auditLog(key, Map.of("page_limit", "3", "page", "3")).andExpect(jsonPath("$.data.length()").value(1))
                .andExpect(jsonPath("$.data[0].action").value("organization.created"));
        auditLog(key, Map.of("page_limit", "3", "page", "4")).andExpect(status().isOk())
                .andExpect(jsonPath("$.data.length()").value(0));
        auditLog(key, Map.of("sort_option", "asc")).andExpect(jsonPath("$.data[0].action").value("organization.created"));

        for (Map<String, String> bad : List.of(Map.of("from", "2026-13-01"), Map.of("to", "last week"),
                Map.of("from", thirdDay.toString(), "to", firstDay.toString()), Map.of("action", "DROP TABLE"),
                Map.of("page_limit", "51"), Map.of("page", "0"), Map.of("sort_by", "updated_at"))) {
            auditLog(key, bad).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        }

        String page = mvc.perform(get("/settings/audit-log").session(admin).param("action", "member.role_changed"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).containsPattern("<option value=\"member.role_changed\"\\s+selected=\"selected\">");
        assertThat(count(page, "data-action=\"member.role_changed\"")).isEqualTo(2);
        assertThat(page).doesNotContain("data-action=\"invitation.accepted\"").contains("Clear");
        mvc.perform(get("/settings/audit-log").session(admin).param("actor", "nobody-by-that-name"))
                .andExpect(content().string(containsString("No entries match these filters.")));
        mvc.perform(get("/settings/audit-log").session(admin).param("from", "28/11/2026"))
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

    /** Moves the clock on a minute, so each change has its own time and "newest first" is one order. */
    private MockMvc step() {
        clock.advance(Duration.ofMinutes(1));
        return mvc;
    }

    private void moveClockTo(Instant later) {
        clock.advance(Duration.between(clock.instant(), later));
    }

    private void invite(MockHttpSession admin, String email, String role, String address) throws Exception {
        step().perform(post("/settings/members/invite").session(admin).with(csrf()).with(from(address))
                .param("emails", email).param("role", role)).andExpect(status().isOk());
    }

    private MockHttpSession acceptBySigningUp(String name, String email, String address) throws Exception {
        MockHttpSession session = new MockHttpSession();
        step().perform(post("/invitations/" + Outbox.latestInvitationToken(jdbc, email) + "/signup").session(session)
                .with(csrf()).with(from(address)).param("name", name).param("password", PASSWORD))
                .andExpect(status().is3xxRedirection());
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
