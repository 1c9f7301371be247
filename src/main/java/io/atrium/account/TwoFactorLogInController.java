package io.atrium.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The second step of log-in for a user with two-factor authentication: after the password ({@link PendingLogIn}), a
 * code from their app or a recovery code logs them in, under a new session id, and goes on to the page that asked
 * for the log-in, as the password alone does for everyone else. Wrong codes count as failed log-ins for the email.
 */
@Controller
@RequestMapping(TwoFactorLogInController.PATH)
class TwoFactorLogInController {

    static final String PATH = "/login/two-factor";

    private final AccountService accounts;
    private final TwoFactorService twoFactor;
    private final LoginThrottle throttle;
    private final SessionLogin sessionLogin;
    private final TwoFactorProperties properties;
    private final Clock clock;
    /** Where the security filters keep the page that asked for a log-in. */
    private final RequestCache savedPages = new HttpSessionRequestCache();

    TwoFactorLogInController(AccountService accounts, TwoFactorService twoFactor, LoginThrottle throttle,
            SessionLogin sessionLogin, TwoFactorProperties properties, Clock clock) {
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.throttle = throttle;
        this.sessionLogin = sessionLogin;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    String codeForm(HttpServletRequest request) {
        return pending(request).isPresent() ? "account/two-factor-login" : "redirect:/login?expired";
    }

    @PostMapping
    String logIn(@RequestParam(defaultValue = "") String code, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<UserView> user = pending(request).flatMap(pending -> accounts.findUser(pending.userId()));
        if (user.isEmpty()) {
            return "redirect:/login?expired";
        }
        String email = user.get().email();
        String clientAddress = request.getRemoteAddr();
        Duration wait = throttle.waitBefore(email, clientAddress);
        if (!wait.isZero()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            model.addAttribute("error", "Too many failed attempts. Wait " + LoginThrottle.describe(wait) + " and try again.");
            return "account/two-factor-login";
        }
        if (!twoFactor.completesLogIn(user.get().id(), code)) {
            throttle.recordFailure(email, clientAddress);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "That code is not right, or was already used. Try again.");
            return "account/two-factor-login";
        }
        throttle.recordSuccess(email, clientAddress);
        request.getSession().removeAttribute(PendingLogIn.SESSION_ATTRIBUTE);
        sessionLogin.logIn(user.get(), request, response);
        SavedRequest saved = savedPages.getRequest(request, response);
        savedPages.removeRequest(request, response);
        return "redirect:" + (saved != null ? saved.getRedirectUrl() : "/");
    }

    /** The log-in waiting for its code in this session, unless it has waited too long (then it is forgotten). */
    private Optional<PendingLogIn> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PendingLogIn.SESSION_ATTRIBUTE) instanceof PendingLogIn pending)) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(pending.passwordCheckedAt().plus(properties.logInTimeout()))) {
            session.removeAttribute(PendingLogIn.SESSION_ATTRIBUTE);
            return Optional.empty();
        }
        return Optional.of(pending);
    }
}
