package io.atrium.testsupport;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;

/**
 * A user's authenticator app, as a test holds it: the key read from Profile > Two-factor authentication (never from
 * the database), and the codes it shows, computed as every app computes them (RFC 6238: SHA-1, six digits, 30-second
 * steps) from the clock the server uses. It remembers the last step it showed a code for, so each code it hands out
 * is one the server has not seen yet.
 */
public final class Authenticator {

    private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
    private static final Pattern RECOVERY_CODE = Pattern.compile("<code>([a-z0-9]{4}(?:-[a-z0-9]{4}){3})</code>");

    /** The app and the recovery codes shown once when two-factor authentication was turned on. */
    public record Enrolment(Authenticator app, List<String> recoveryCodes) {
    }

    private final String secret;
    private final Clock clock;
    private long lastStep = Long.MIN_VALUE;

    public Authenticator(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** The key shown on the set-up page, without the spaces that group it. */
    public static String secretOn(String page) {
        Matcher matcher = SECRET.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("The page shows no two-factor key");
        }
        return matcher.group(1).replace(" ", "");
    }

    public static List<String> recoveryCodesOn(String page) {
        List<String> codes = new ArrayList<>();
        Matcher matcher = RECOVERY_CODE.matcher(page);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    /** Turns two-factor authentication on for the session's user, through the profile pages (MockMvc). */
    public static Enrolment enrol(MockMvc mvc, MockHttpSession session, Clock clock) throws Exception {
        mvc.perform(post("/profile/two-factor/setup").session(session).with(csrf())).andExpect(status().is3xxRedirection());
        String setUpPage = mvc.perform(get("/profile/two-factor").session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Authenticator app = new Authenticator(secretOn(setUpPage), clock);
        String done = mvc.perform(post("/profile/two-factor/enable").session(session).with(csrf())
                        .param("code", app.nextCode()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return new Enrolment(app, recoveryCodesOn(done));
    }

    /** Turns two-factor authentication on for the visitor's user, through the profile pages (real HTTP). */
    public static Enrolment enrol(HttpVisitor visitor, Clock clock) throws IOException, InterruptedException {
        visitor.submit("/profile/two-factor", "/profile/two-factor/setup", Map.of());
        Authenticator app = new Authenticator(secretOn(visitor.get("/profile/two-factor").body()), clock);
        HttpResponse<String> done = visitor.submit("/profile/two-factor", "/profile/two-factor/enable",
                Map.of("code", app.nextCode()));
        if (done.statusCode() != 200) {
            throw new AssertionError("Two-factor authentication was not turned on: " + done.statusCode());
        }
        return new Enrolment(app, recoveryCodesOn(done.body()));
    }

    /** The time step the server is in now. */
    public long currentStep() {
        return clock.instant().getEpochSecond() / 30;
    }

    /**
     * A code of a step after the last one handed out: the current step's, else the next one's (the server accepts one
     * step ahead). Never the previous step's, which a real clock could leave behind before the server checks it.
     *
     * @throws IllegalStateException when both were used: the test must move its clock on
     */
    public String nextCode() {
        long step = Math.max(lastStep + 1, currentStep());
        if (step > currentStep() + 1) {
            throw new IllegalStateException("Every code of this moment was used: move the clock on 30 seconds");
        }
        lastStep = step;
        return codeOf(step);
    }

    public String codeOf(long step) {
        try {
            return new DefaultCodeGenerator().generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }
}
