package io.atrium.account;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.ResultActions;

import io.atrium.testsupport.ApiKeys;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.Authenticator;
import io.atrium.testsupport.Authenticator.Enrolment;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.MovableTime;
import io.atrium.testsupport.MutableClock;

/** Two-factor authentication: setting it up on the profile, the code step of log-in, recovery codes, turning it off. */
@IntegrationTest
@Import(MovableTime.class)
class TwoFactorTest extends ApplicationTest {

    @Autowired
    MutableClock clock;

    @Test
    void settingUpShowsAQrCodeDrawnHereAndTheKeyAndAWrongCodeLeavesItOff() throws Exception {
        String email = uniqueEmail("wrongcode");
        MockHttpSession session = signUp(mvc, "Wrong Code", email);
        mvc.perform(post("/profile/two-factor/setup").session(session).with(csrf())).andExpect(redirectedUrl("/profile/two-factor"));
        String page = mvc.perform(get("/profile/two-factor").session(session)).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"qr-code\" src=\"data:image/svg+xml;base64,")))
                .andReturn().getResponse().getContentAsString();
        Authenticator app = new Authenticator(Authenticator.secretOn(page), clock);
        String wrong = app.codeOf(app.currentStep() + 5);

        mvc.perform(post("/profile/two-factor/enable").session(session).with(csrf()).param("code", wrong))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("That code is not right")))
                .andExpect(content().string(not(containsString("recovery codes"))));

        assertThat(jdbc.sql("select secret_sealed from two_factor where user_id = (select id from users where email = :e)")
                .param("e", email).query(String.class).single()).doesNotContain(Authenticator.secretOn(page));
        logIn(new MockHttpSession(), email, "10.40.0.1").andExpect(redirectedUrl("/"));
    }

    @Test
    void turningItOnShowsTenRecoveryCodesOnceAndLogInThenAsksForACode() throws Exception {
        String email = uniqueEmail("enrolled");
        MockHttpSession session = signUp(mvc, "Enrolled User", email);
        Enrolment enrolment = Authenticator.enrol(mvc, session, clock);

        assertThat(enrolment.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
        mvc.perform(get("/profile/two-factor").session(session))
                .andExpect(content().string(containsString("10 of 10 recovery codes left.")))
                .andExpect(content().string(not(containsString(enrolment.recoveryCodes().get(0)))));
        List<String> stored = jdbc.sql("select code_hash from recovery_codes").query(String.class).list();
        enrolment.recoveryCodes().forEach(code -> assertThat(stored).noneMatch(hash -> hash.contains(code.replace("-", ""))));

        MockHttpSession next = new MockHttpSession();
        logIn(next, email, "10.40.1.1").andExpect(redirectedUrl("/login/two-factor"));
        mvc.perform(get("/").session(next)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login/two-factor").session(next)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Authentication code")));

        // back to the page that asked for the log-in
        code(next, enrolment.app().nextCode(), "10.40.1.1").andExpect(redirectedUrl("http://localhost/"));
        mvc.perform(get("/").session(next)).andExpect(status().isOk())
                .andExpect(content().string(containsString(">EU</summary>")));
    }

    @Test
    void aHalfLoggedInSessionReachesNothingBehindTheLogIn() throws Exception {
        String email = uniqueEmail("half");
        MockHttpSession owner = signUp(mvc, "Half Way", email);
        Authenticator.enrol(mvc, owner, clock);
        String key = ApiKeys.create(mvc, owner, "half");
        MockHttpSession half = new MockHttpSession();
        logIn(half, email, "10.40.2.1").andExpect(redirectedUrl("/login/two-factor"));

        for (String page : List.of("/", "/profile", "/profile/two-factor", "/settings/organization", "/settings/api-keys",
                "/settings/audit-log", "/indexes", "/dev/inbox")) {
            mvc.perform(get(page).session(half)).andExpect(redirectedUrl("/login"));
        }
        mvc.perform(post("/profile/two-factor/disable").session(half).with(csrf()).param("code", "000000"))
                .andExpect(redirectedUrl("/login"));
        mvc.perform(post("/settings/organization").session(half).with(csrf()).param("name", "Sneaky"))
                .andExpect(redirectedUrl("/login"));
        for (String path : List.of("/api/v1/account", "/api/v1/api-keys", "/api/v1/audit-log", "/v1.3/indexes")) {
            mvc.perform(get(path).session(half)).andExpect(status().isUnauthorized());
        }
        // the key of the user, who logs in with two factors, works as before
        api.as(key).get("/api/v1/account").andExpect(status().isOk());
    }

    @Test
    void theCodeStepEndsAfterFiveMinutesAndTheLogInStartsAgain() throws Exception {
        String email = uniqueEmail("slow");
        Enrolment enrolment = Authenticator.enrol(mvc, signUp(mvc, "Slow Typist", email), clock);
        MockHttpSession half = new MockHttpSession();
        logIn(half, email, "10.40.3.1").andExpect(redirectedUrl("/login/two-factor"));

        clock.advance(Duration.ofMinutes(5));

        code(half, enrolment.app().nextCode(), "10.40.3.1").andExpect(redirectedUrl("/login?expired"));
        mvc.perform(get("/").session(half)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/login").param("expired", "")).andExpect(content().string(containsString("took too long")));
    }

    @Test
    void aCodeUsedOnceIsRefusedWithinItsWindow() throws Exception {
        String email = uniqueEmail("replay");
        Enrolment enrolment = Authenticator.enrol(mvc, signUp(mvc, "Replay Target", email), clock);
        String code = enrolment.app().nextCode();
        MockHttpSession first = new MockHttpSession();
        logIn(first, email, "10.40.4.1").andExpect(redirectedUrl("/login/two-factor"));
        code(first, code, "10.40.4.1").andExpect(redirectedUrl("/"));

        MockHttpSession replay = new MockHttpSession();
        logIn(replay, email, "10.40.4.2").andExpect(redirectedUrl("/login/two-factor"));
        code(replay, code, "10.40.4.2").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("That code is not right, or was already used.")));
        mvc.perform(get("/").session(replay)).andExpect(redirectedUrl("/login"));

        // a code of an earlier step than the one used is refused as well
        code(replay, enrolment.app().codeOf(enrolment.app().currentStep() - 1), "10.40.4.2")
                .andExpect(status().isBadRequest());
        clock.advance(Duration.ofSeconds(30));
        code(replay, enrolment.app().nextCode(), "10.40.4.2").andExpect(redirectedUrl("http://localhost/"));
    }

    @Test
    void aRecoveryCodeLogsInOnceAndOnlyOnce() throws Exception {
        String email = uniqueEmail("recovery");
        MockHttpSession owner = signUp(mvc, "Lost Phone", email);
        Enrolment enrolment = Authenticator.enrol(mvc, owner, clock);
        String recoveryCode = enrolment.recoveryCodes().get(3);

        MockHttpSession first = new MockHttpSession();
        logIn(first, email, "10.40.5.1").andExpect(redirectedUrl("/login/two-factor"));
        code(first, recoveryCode.toUpperCase(), "10.40.5.1").andExpect(redirectedUrl("/"));
        mvc.perform(get("/profile/two-factor").session(first))
                .andExpect(content().string(containsString("9 of 10 recovery codes left.")));
        mvc.perform(get("/settings/audit-log").session(first))
                .andExpect(content().string(containsString("Logged in with a recovery code")));

        MockHttpSession second = new MockHttpSession();
        logIn(second, email, "10.40.5.2").andExpect(redirectedUrl("/login/two-factor"));
        code(second, recoveryCode, "10.40.5.2").andExpect(status().isBadRequest());
        mvc.perform(get("/").session(second)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void wrongCodesAreThrottledLikeWrongPasswords() throws Exception {
        String email = uniqueEmail("guessed");
        Enrolment enrolment = Authenticator.enrol(mvc, signUp(mvc, "Guessed Password", email), clock);
        MockHttpSession attacker = new MockHttpSession();
        logIn(attacker, email, "10.40.6.1").andExpect(redirectedUrl("/login/two-factor"));
        for (int guess = 0; guess < 5; guess++) {
            code(attacker, "00000" + guess, "10.40.6.1").andExpect(status().isBadRequest());
        }

        code(attacker, enrolment.app().nextCode(), "10.40.6.1").andExpect(status().isTooManyRequests())
                .andExpect(content().string(containsString("Too many failed attempts. Wait 1 second and try again.")));
        mvc.perform(get("/").session(attacker)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void afterTheCodeTheLogInGoesOnToThePageThatAskedForIt() throws Exception {
        String email = uniqueEmail("returning");
        Enrolment enrolment = Authenticator.enrol(mvc, signUp(mvc, "Returning User", email), clock);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/settings/api-keys").session(session)).andExpect(redirectedUrl("/login"));

        logIn(session, email, "10.40.7.1").andExpect(redirectedUrl("/login/two-factor"));
        code(session, enrolment.app().nextCode(), "10.40.7.1").andExpect(redirectedUrl("http://localhost/settings/api-keys"));
    }

    @Test
    void turningItOffNeedsACodeAndIsAudited() throws Exception {
        String email = uniqueEmail("disabler");
        MockHttpSession session = signUp(mvc, "Disabler", email);
        Enrolment enrolment = Authenticator.enrol(mvc, session, clock);

        mvc.perform(post("/profile/two-factor/disable").session(session).with(csrf()).param("code", ""))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/profile/two-factor/disable").session(session).with(csrf())
                        .param("code", enrolment.app().codeOf(enrolment.app().currentStep() + 7)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"two-factor-status\">On<")));
        logIn(new MockHttpSession(), email, "10.40.8.1").andExpect(redirectedUrl("/login/two-factor"));

        mvc.perform(post("/profile/two-factor/disable").session(session).with(csrf())
                        .param("code", enrolment.app().nextCode()))
                .andExpect(redirectedUrl("/profile/two-factor"));

        logIn(new MockHttpSession(), email, "10.40.8.2").andExpect(redirectedUrl("/"));
        mvc.perform(get("/settings/audit-log").session(session))
                .andExpect(content().string(containsString("Turned on two-factor authentication")))
                .andExpect(content().string(containsString("Turned off two-factor authentication")));
    }

    @Test
    void newRecoveryCodesNeedACodeAndTheOldOnesStopWorkingAndTheChangeIsAudited() throws Exception {
        String email = uniqueEmail("regenerate");
        MockHttpSession session = signUp(mvc, "Regenerator", email);
        Enrolment enrolment = Authenticator.enrol(mvc, session, clock);

        mvc.perform(post("/profile/two-factor/recovery-codes").session(session).with(csrf()).param("code", "123456"))
                .andExpect(status().isBadRequest());
        String page = mvc.perform(post("/profile/two-factor/recovery-codes").session(session).with(csrf())
                        .param("code", enrolment.app().nextCode()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<String> fresh = Authenticator.recoveryCodesOn(page);

        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(enrolment.recoveryCodes());
        MockHttpSession old = new MockHttpSession();
        logIn(old, email, "10.40.9.1").andExpect(redirectedUrl("/login/two-factor"));
        code(old, enrolment.recoveryCodes().get(0), "10.40.9.1").andExpect(status().isBadRequest());
        code(old, fresh.get(0), "10.40.9.1").andExpect(redirectedUrl("/"));
        mvc.perform(get("/settings/audit-log").session(old))
                .andExpect(content().string(containsString("Made new two-factor recovery codes")));
    }

    private ResultActions logIn(MockHttpSession session, String email, String clientAddress) throws Exception {
        return mvc.perform(post("/login").session(session).with(csrf()).with(from(clientAddress))
                .param("email", email).param("password", PASSWORD));
    }

    private ResultActions code(MockHttpSession session, String code, String clientAddress) throws Exception {
        return mvc.perform(post("/login/two-factor").session(session).with(csrf()).with(from(clientAddress))
                .param("code", code));
    }
}
