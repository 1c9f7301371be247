package io.atrium.apikey;

import static io.atrium.testsupport.Organizations.addMember;
import static io.atrium.testsupport.Organizations.createWithAdmin;
import static io.atrium.testsupport.Organizations.organizationId;
import static io.atrium.testsupport.Organizations.userId;
import static io.atrium.testsupport.Visitors.from;
import static io.atrium.testsupport.Visitors.signUp;
import static io.atrium.testsupport.Visitors.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpSession;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTimeTest;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyTest extends MovableTimeTest {

    @Autowired
    LastUsedRecorder lastUsed;

    @Test
    void theKeyIsShownOnceAfterCreateAndOnlyItsHashIsStored() throws Exception {
        MockHttpSession user = signUp(mvc, "Key Maker", uniqueEmail("maker"));

        mvc.perform(post("/settings/api-keys").session(user).with(csrf())
                        .param("name", "CI pipeline").param("expiration", "12"))
                .andExpect(redirectedUrl("/settings/api-keys"));
        String page = mvc.perform(get("/settings/api-keys").session(user)).andReturn().getResponse().getContentAsString();
        String key = firstKey(page);

        assertThat(page).contains("It won't be shown again").contains("data-copy-target=\"new-key-value\"");
        assertThat(mvc.perform(get("/settings/api-keys").session(user)).andReturn().getResponse().getContentAsString())
                .doesNotContain(key).contains("CI pipeline").contains(key.substring(0, 16) + "…");
        String secret = key.substring(17, 49);
        assertThat(jdbc.sql("select count(*) from api_keys where secret_hash like :s or key_id like :s or name like :s")
                .param("s", "%" + secret + "%").query(Long.class).single()).isZero();
    }

    @Test
    void aKeyActsOnItsOwnAccountWithItsCreatorsRole() throws Exception {
        String name = "Keyed " + UUID.randomUUID().toString().substring(0, 6) + " Org";
        MockHttpSession admin = createWithAdmin(mvc, "Ken Admin", uniqueEmail("ken"), name);
        String orgKey = createKey(admin, "org key");
        switchToPersonal(admin);
        String personalKey = createKey(admin, "personal key");

        api.as(orgKey).get("/api/v1/account").andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("organization"))
                .andExpect(jsonPath("$.name").value(name))
                .andExpect(jsonPath("$.role").value("admin"))
                .andExpect(jsonPath("$._id").value(organizationId(jdbc, name)));
        api.as(personalKey).get("/api/v1/account").andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("personal"))
                .andExpect(jsonPath("$.name").value("Ken Admin"));
        api.as(personalKey).get("/api/v1/members").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("resource_not_exist"));
        api.as(orgKey).get("/api/v1/members").andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0].role").value("admin"))
                .andExpect(jsonPath("$.page_info.total_results").value(1));
    }

    @Test
    void badKeysGetDistinctReasons() throws Exception {
        MockHttpSession user = signUp(mvc, "Reason Tester", uniqueEmail("reasons"));
        String key = createKey(user, "good");
        String typo = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
        ApiKeyFormat.NewKey stranger = ApiKeyFormat.generate();

        api.as(typo).get("/api/v1/account").andExpect(status().isUnauthorized()).andExpect(jsonPath("$.reason").value("malformed"));
        api.as(stranger.value()).get("/api/v1/account").andExpect(status().isUnauthorized()).andExpect(jsonPath("$.reason").value("unknown"));
        String forged = "atk_" + key.substring(4, 16) + "_" + stranger.value().substring(17, 49);
        forged = forged + ApiKeyFormat.checksum(forged);
        api.as(forged).get("/api/v1/account").andExpect(status().isUnauthorized()).andExpect(jsonPath("$.reason").value("unknown"));
        mvc.perform(get("/api/v1/account").queryParam("x-api-key", key)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.reason").value("key_in_query"));
        api.as(key).get("/api/v1/account").andExpect(status().isOk());
    }

    @Test
    void aFloodOfMadeUpKeysFromOneAddressIsAnswered429WithoutALookupUntilTheMinuteHasPassed() throws Exception {
        MockHttpSession user = signUp(mvc, "Flood Victim", uniqueEmail("flood"));
        String neverLookedUp = createKey(user, "fresh");
        for (int attempt = 0; attempt < 20; attempt++) {
            api.as(ApiKeyFormat.generate().value()).perform(get("/api/v1/account").with(from("10.60.0.1")))
                    .andExpect(status().isUnauthorized());
        }

        api.as(ApiKeyFormat.generate().value()).perform(get("/api/v1/account").with(from("10.60.0.1")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(jsonPath("$.code").value("too_many_requests"));
        // Had this key been looked up in the database, it would have been found and accepted.
        api.as(neverLookedUp).perform(get("/api/v1/account").with(from("10.60.0.1"))).andExpect(status().isTooManyRequests());
        api.as(ApiKeyFormat.generate().value()).perform(get("/api/v1/account").with(from("10.60.0.2")))
                .andExpect(status().isUnauthorized());

        clock.advance(Duration.ofMinutes(1));

        api.as(ApiKeyFormat.generate().value()).perform(get("/api/v1/account").with(from("10.60.0.1")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aValidKeyThisNodeHasJustCheckedStillWorksFromAnAddressOverItsBudget() throws Exception {
        MockHttpSession user = signUp(mvc, "Shared Address", uniqueEmail("nat"));
        String key = createKey(user, "busy");
        for (int attempt = 0; attempt < 21; attempt++) {
            api.as("atk_garbage").perform(get("/api/v1/account").with(from("10.60.1.1")));
        }
        api.as("atk_garbage").perform(get("/api/v1/account").with(from("10.60.1.1"))).andExpect(status().isTooManyRequests());

        api.as(key).perform(get("/api/v1/account").with(from("10.60.1.2"))).andExpect(status().isOk());
        api.as(key).perform(get("/api/v1/account").with(from("10.60.1.1"))).andExpect(status().isOk());
    }

    @Test
    void aKeyExpiresExactlyWhenTheClockPassesItsExpiry() throws Exception {
        MockHttpSession user = signUp(mvc, "Time Traveller", uniqueEmail("time"));
        String key = createKeyViaApi(user, "{\"name\":\"short\",\"expires_in_days\":1}");
        api.as(key).get("/api/v1/account").andExpect(status().isOk());

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        api.as(key).get("/api/v1/account").andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.reason").value("expired"));
    }

    @Test
    void aRevokedKeyIsRefusedOnItsNextRequest() throws Exception {
        MockHttpSession user = signUp(mvc, "Revoker", uniqueEmail("revoker"));
        String key = createKey(user, "to revoke");
        api.as(key).get("/api/v1/account").andExpect(status().isOk());
        String id = keyRowId(key);

        mvc.perform(get("/settings/api-keys/" + id + "/revoke").session(user)).andExpect(status().isOk())
                .andExpect(content().string(containsString("This can't be undone")));
        mvc.perform(post("/settings/api-keys/" + id + "/revoke").session(user).with(csrf()))
                .andExpect(redirectedUrl("/settings/api-keys"));

        api.as(key).get("/api/v1/account").andExpect(status().isUnauthorized()).andExpect(jsonPath("$.reason").value("revoked"));
        assertThat(audit(personalAccount(user))).contains("api_key.created", "api_key.revoked");
    }

    @Test
    void removingAMemberRevokesTheirOrganizationKeysButNotTheirPersonalOnes() throws Exception {
        String name = "Removal " + UUID.randomUUID().toString().substring(0, 6);
        MockHttpSession admin = createWithAdmin(mvc, "Remy Admin", uniqueEmail("remy"), name);
        String memberEmail = uniqueEmail("leaving");
        MockHttpSession member = addMember(mvc, jdbc, admin, "Lee Leaving", memberEmail, "member");
        String orgKey = createKey(member, "member org key");
        switchToPersonal(member);
        String personalKey = createKey(member, "member personal key");
        api.as(orgKey).get("/api/v1/account").andExpect(status().isOk());

        mvc.perform(get("/settings/members/" + userId(jdbc, memberEmail) + "/remove").session(admin))
                .andExpect(content().string(containsString("member org key")));
        mvc.perform(post("/settings/members/" + userId(jdbc, memberEmail) + "/remove").session(admin).with(csrf()));

        api.as(orgKey).get("/api/v1/account").andExpect(status().isUnauthorized()).andExpect(jsonPath("$.reason").value("revoked"));
        api.as(personalKey).get("/api/v1/account").andExpect(status().isOk());
    }

    @Test
    void membersSeeAndRevokeTheirOwnKeysWhileAdminsSeeAndRevokeAll() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "All Seeing", uniqueEmail("allseeing"),
                "Keys " + UUID.randomUUID().toString().substring(0, 6));
        MockHttpSession member = addMember(mvc, jdbc, admin, "Own Keys", uniqueEmail("ownkeys"), "member");
        String adminKey = createKey(admin, "admin key");
        String memberKey = createKey(member, "member key");

        api.as(memberKey).get("/api/v1/api-keys").andExpect(jsonPath("$.data.length()").value(1))
                .andExpect(jsonPath("$.data[0].name").value("member key"))
                .andExpect(jsonPath("$.data[0].key").doesNotExist());
        api.as(adminKey).get("/api/v1/api-keys").andExpect(jsonPath("$.page_info.total_results").value(2));
        api.as(memberKey).delete("/api/v1/api-keys/" + keyRowId(adminKey)).andExpect(status().isNotFound());
        mvc.perform(get("/settings/api-keys").session(member)).andExpect(content().string(not(containsString("admin key"))));

        api.as(adminKey).delete("/api/v1/api-keys/" + keyRowId(memberKey)).andExpect(status().isNoContent());
        api.as(memberKey).get("/api/v1/account").andExpect(status().isUnauthorized());
    }

    @Test
    void adminOnlyOperationsAnswer403ForMembersAndFollowTheCreatorsCurrentRole() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Role Source", uniqueEmail("rolesource"),
                "Roles " + UUID.randomUUID().toString().substring(0, 6));
        String memberEmail = uniqueEmail("rolemember");
        MockHttpSession member = addMember(mvc, jdbc, admin, "Role Member", memberEmail, "member");
        String memberKey = createKey(member, "member key");
        String adminKey = createKey(admin, "admin key");

        api.as(memberKey).post("/api/v1/invitations", "{\"emails\":[\"x@example.com\"],\"role\":\"member\"}").andExpect(status().isForbidden());
        api.as(memberKey).get("/api/v1/invitations").andExpect(status().isForbidden());
        api.as(memberKey).patch("/api/v1/members/" + userId(jdbc, memberEmail), "{\"role\":\"admin\"}").andExpect(status().isForbidden());

        api.as(adminKey).patch("/api/v1/members/" + userId(jdbc, memberEmail), "{\"role\":\"admin\"}").andExpect(status().isOk()).andExpect(jsonPath("$.role").value("admin"));
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() ->
                api.as(memberKey).get("/api/v1/account").andExpect(jsonPath("$.role").value("admin")));
        api.as(memberKey).get("/api/v1/invitations").andExpect(status().isOk());
    }

    @Test
    void theInvitationsApiReportsEachAddressAndRefusesSmuggledLists() throws Exception {
        MockHttpSession admin = createWithAdmin(mvc, "Api Inviter", uniqueEmail("apiinviter"),
                "Invites " + UUID.randomUUID().toString().substring(0, 6));
        String key = createKey(admin, "inviter key");
        String invitee = uniqueEmail("apiinvitee");

        api.as(key).post("/api/v1/invitations", "{\"emails\":[\"" + invitee + "\",\"nope\"],\"role\":\"member\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].result").value("invited"))
                .andExpect(jsonPath("$.results[1].result").value("invalid"));
        api.as(key).post("/api/v1/invitations", "{\"emails\":[\"a@example.com, b@example.com\"],\"role\":\"member\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        api.as(key).post("/api/v1/invitations", "{\"emails\":")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_invalid"));
        String id = jdbc.sql("select id from invitations where email = :e").param("e", invitee).query(String.class).single();
        api.as(key).get("/api/v1/invitations").andExpect(jsonPath("$.data[0]._id").value(id))
                .andExpect(jsonPath("$.data[0].status").value("pending"));
        api.as(key).post("/api/v1/invitations/" + id + "/resend").andExpect(status().isNoContent());
        api.as(key).delete("/api/v1/invitations/" + id).andExpect(status().isNoContent());
        api.as(key).delete("/api/v1/invitations/" + id).andExpect(status().isNotFound());
    }

    @Test
    void anotherAccountsKeysMembersAndInvitationsAnswer404() throws Exception {
        MockHttpSession victim = createWithAdmin(mvc, "Victim Org", uniqueEmail("victimorg"),
                "Victim " + UUID.randomUUID().toString().substring(0, 6));
        String victimMemberEmail = uniqueEmail("victimmember");
        addMember(mvc, jdbc, victim, "Victim Member", victimMemberEmail, "member");
        String victimKey = createKey(victim, "victim key");
        String invitee = uniqueEmail("victiminvitee");
        mvc.perform(post("/settings/members/invite").session(victim).with(csrf()).param("emails", invitee).param("role", "member"));
        String invitationId = jdbc.sql("select id from invitations where email = :e").param("e", invitee).query(String.class).single();
        MockHttpSession attacker = createWithAdmin(mvc, "Attacker Org", uniqueEmail("attackerorg"),
                "Attacker " + UUID.randomUUID().toString().substring(0, 6));
        String attackerKey = createKey(attacker, "attacker key");
        String victimMember = userId(jdbc, victimMemberEmail);

        api.as(attackerKey).delete("/api/v1/api-keys/" + keyRowId(victimKey)).andExpect(status().isNotFound());
        api.as(attackerKey).patch("/api/v1/members/" + victimMember, "{\"role\":\"admin\"}").andExpect(status().isNotFound());
        api.as(attackerKey).delete("/api/v1/members/" + victimMember).andExpect(status().isNotFound());
        api.as(attackerKey).post("/api/v1/invitations/" + invitationId + "/resend").andExpect(status().isNotFound());
        api.as(attackerKey).delete("/api/v1/invitations/" + invitationId).andExpect(status().isNotFound());
        mvc.perform(get("/settings/api-keys/" + keyRowId(victimKey) + "/revoke").session(attacker)).andExpect(status().isNotFound());
        mvc.perform(post("/settings/api-keys/" + keyRowId(victimKey) + "/revoke").session(attacker).with(csrf()))
                .andExpect(status().isNotFound());
        api.as(victimKey).get("/api/v1/account").andExpect(status().isOk());
        api.as(attackerKey).get("/api/v1/no-such-thing").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("endpoint_not_exist"));
    }

    @Test
    void listsFollowThePaginationConventions() throws Exception {
        MockHttpSession user = signUp(mvc, "Pager", uniqueEmail("pager"));
        String key = createKey(user, "first");
        clock.advance(Duration.ofSeconds(1));
        createKey(user, "second");
        clock.advance(Duration.ofSeconds(1));
        createKey(user, "third");

        api.as(key).perform(get("/api/v1/api-keys").param("page_limit", "2").param("sort_option", "asc"))
                .andExpect(jsonPath("$.data.length()").value(2))
                .andExpect(jsonPath("$.data[0].name").value("first"))
                .andExpect(jsonPath("$.page_info.total_page").value(2))
                .andExpect(jsonPath("$.page_info.limit_per_page").value(2));
        api.as(key).perform(get("/api/v1/api-keys").param("page", "9")).andExpect(status().isOk())
                .andExpect(jsonPath("$.data.length()").value(0));
        api.as(key).perform(get("/api/v1/api-keys").param("page_limit", "51")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_invalid"));
    }

    @Test
    void settingsApiKeysHasTheCreateApiKeyDialogAroundAFormThatWorksWithoutAScript() throws Exception {
        MockHttpSession user = signUp(mvc, "Dialog Reader", uniqueEmail("dialog"));

        String page = mvc.perform(get("/settings/api-keys").session(user)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains(">Create API Key</button>")
                .contains("<dialog open id=\"create-key-dialog\" class=\"key-dialog\" aria-labelledby=\"create-heading\"")
                .contains("<h2 id=\"create-heading\">Create API Key</h2>")
                .contains("<option value=\"12\" selected=\"selected\">12 months</option>")
                .contains("<option value=\"custom\">Custom date</option>")
                .contains("name=\"_csrf\"")
                .contains("data-reopen=\"false\"")
                .contains("/js/apikeys.js");
        // Before the script runs there is no key on the page: it is put in the dialog when one is created.
        assertThat(page).doesNotContainPattern(ApiKeys.KEY);

        String unnamed = mvc.perform(post("/settings/api-keys").session(user).with(csrf()).param("name", "")
                        .param("expiration", "12"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(unnamed).contains("data-reopen=\"true\"")
                .contains("aria-describedby=\"key-name-error\"").contains("id=\"key-name-error\"");
        String undated = mvc.perform(post("/settings/api-keys").session(user).with(csrf()).param("name", "dated")
                        .param("expiration", "custom").param("expiresOn", "not a date"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(undated).contains("data-reopen=\"true\"").contains("aria-describedby=\"expires-on-error\"")
                .contains("<option value=\"custom\" selected=\"selected\">Custom date</option>");
    }

    @Test
    void theKeyListGivesEachDateInUtcForTheScriptToPutInTheViewersZoneAndNamesTheZoneOnce() throws Exception {
        MockHttpSession user = signUp(mvc, "Time Reader", uniqueEmail("times"));
        createKey(user, "dated");

        String page = mvc.perform(get("/settings/api-keys").session(user)).andReturn().getResponse().getContentAsString();

        assertThat(page).containsPattern("<time data-format=\"date\" datetime=\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\">")
                .containsPattern("<time data-format=\"datetime\" datetime=\"[^\"]+Z\">")
                .contains("/js/times.js")
                .contains("<td class=\"key-column\"><code class=\"key-prefix\">atk_");
        assertThat(Pattern.compile("Times in UTC\\.").matcher(page).results().count()).isEqualTo(1);
    }

    @Test
    void theNewKeyWaitsInTheSessionOnlySealedAndIsShownOnce() throws Exception {
        MockHttpSession user = signUp(mvc, "Sealed Key", uniqueEmail("sealed"));

        var flash = mvc.perform(post("/settings/api-keys").session(user).with(csrf())
                        .param("name", "sealed").param("expiration", "12"))
                .andExpect(redirectedUrl("/settings/api-keys")).andReturn().getFlashMap();

        assertThat(flash.values()).noneSatisfy(value -> assertThat(String.valueOf(value)).containsPattern(ApiKeys.KEY));
        String page = mvc.perform(get("/settings/api-keys").session(user)).andReturn().getResponse().getContentAsString();
        String key = ApiKeys.find(page);
        api.as(key).get("/api/v1/account").andExpect(status().isOk());
        assertThat(mvc.perform(get("/settings/api-keys").session(user)).andReturn().getResponse().getContentAsString())
                .doesNotContainPattern(ApiKeys.KEY);
    }

    @Test
    void creatingWithBadInputChangesNothing() throws Exception {
        MockHttpSession user = signUp(mvc, "Careful Maker", uniqueEmail("careful"));
        String key = createKey(user, "existing");
        long before = jdbc.sql("select count(*) from api_keys").query(Long.class).single();

        mvc.perform(post("/settings/api-keys").session(user).with(csrf()).param("name", " ").param("expiration", "12"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("Enter a name.")));
        mvc.perform(post("/settings/api-keys").session(user).with(csrf()).param("name", "past")
                        .param("expiration", "custom").param("expiresOn", "2001-01-01"))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("in the future")));
        for (String beyondTheCalendar : new String[] {"+999999999-12-31", "-999999999-01-01", "2030-02-30"}) {
            mvc.perform(post("/settings/api-keys").session(user).with(csrf()).param("name", "far")
                            .param("expiration", "custom").param("expiresOn", beyondTheCalendar))
                    .andExpect(status().isBadRequest());
        }
        api.as(key).post("/api/v1/api-keys", "{\"name\":\"both\",\"expires_in_days\":3,\"expires_at\":\"2030-01-01T00:00:00Z\"}")
                .andExpect(status().isBadRequest());
        api.as(key).post("/api/v1/api-keys", "{\"name\":\"far\",\"expires_in_days\":4000}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.message").value(containsString("five years")));

        assertThat(jdbc.sql("select count(*) from api_keys").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void lastUsedIsWrittenInBatchesAtMostOnceAMinute() throws Exception {
        MockHttpSession user = signUp(mvc, "Busy Caller", uniqueEmail("busy"));
        String key = createKey(user, "busy key");
        String id = keyRowId(key);

        api.as(key).get("/api/v1/account").andExpect(status().isOk());
        assertThat(lastUsedAt(id)).isNull();
        lastUsed.flush();
        Instant first = lastUsedAt(id);
        assertThat(first).isNotNull();

        clock.advance(Duration.ofSeconds(30));
        api.as(key).get("/api/v1/account");
        lastUsed.flush();
        assertThat(lastUsedAt(id)).isEqualTo(first);

        clock.advance(Duration.ofSeconds(31));
        api.as(key).get("/api/v1/account");
        lastUsed.flush();
        assertThat(lastUsedAt(id)).isAfter(first);
    }

    @Test
    void theKeyNeverAppearsInTheLogs(CapturedOutput output) throws Exception {
        MockHttpSession user = signUp(mvc, "Log Watcher", uniqueEmail("logs"));
        String key = createKey(user, "secret key");
        api.as(key).get("/api/v1/account");
        api.as(key.substring(0, key.length() - 2) + "zz").get("/api/v1/account");
        mvc.perform(get("/api/v1/account").queryParam("api_key", key));
        api.as(key).post("/api/v1/api-keys", "{\"name\":");

        String secret = key.substring(17, 49);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    private String createKey(MockHttpSession session, String name) throws Exception {
        return ApiKeys.create(mvc, session, name);
    }

    private String createKeyViaApi(MockHttpSession session, String json) throws Exception {
        String bootstrap = createKey(session, "bootstrap");
        String body = api.as(bootstrap).post("/api/v1/api-keys", json)
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return firstKey(body);
    }

    private static String firstKey(String text) {
        return ApiKeys.find(text);
    }

    private String keyRowId(String key) {
        return jdbc.sql("select id from api_keys where key_id = :k").param("k", key.substring(4, 16)).query(String.class).single();
    }

    private Instant lastUsedAt(String id) {
        return jdbc.sql("select last_used_at from api_keys where id = :id").param("id", id)
                .query((rs, n) -> {
                    var value = rs.getObject(1, java.time.OffsetDateTime.class);
                    return value == null ? null : value.toInstant();
                }).list().get(0);
    }

    private void switchToPersonal(MockHttpSession session) throws Exception {
        String page = mvc.perform(get("/").session(session)).andReturn().getResponse().getContentAsString();
        var matcher = Pattern.compile("name=\"accountId\" value=\"([0-9a-f]{24})\"").matcher(page);
        assertThat(matcher.find()).isTrue();
        mvc.perform(post("/accounts/switch").session(session).with(csrf()).param("accountId", matcher.group(1)));
    }

    private String personalAccount(MockHttpSession session) throws Exception {
        String page = mvc.perform(get("/").session(session)).andReturn().getResponse().getContentAsString();
        var matcher = Pattern.compile("<code>([0-9a-f]{24})</code>").matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private List<String> audit(String accountId) {
        return jdbc.sql("select action from audit_log where account_id = :a").param("a", accountId).query(String.class).list();
    }
}
