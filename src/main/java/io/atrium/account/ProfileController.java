package io.atrium.account;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Profile: change name, and email or password with the current password (R-ACC-6). */
@Controller
@RequestMapping("/profile")
class ProfileController {

    private final AccountService accounts;
    private final IdentityService identity;
    private final LoginThrottle throttle;
    private final SessionLogin sessionLogin;
    private final UserSessions userSessions;

    ProfileController(AccountService accounts, IdentityService identity, LoginThrottle throttle, SessionLogin sessionLogin,
            UserSessions userSessions) {
        this.accounts = accounts;
        this.identity = identity;
        this.throttle = throttle;
        this.sessionLogin = sessionLogin;
        this.userSessions = userSessions;
    }

    @GetMapping
    String profile(@AuthenticationPrincipal AtriumPrincipal principal, Model model) {
        UserView user = user(principal);
        return page(model, user.id(), user.name(), user.email(), null, Map.of());
    }

    @PostMapping("/name")
    String rename(@AuthenticationPrincipal AtriumPrincipal principal, @RequestParam(defaultValue = "") String name,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            accounts.rename(principal.userId(), name);
            redirect.addFlashAttribute("notice", "Your name was updated.");
            return "redirect:/profile";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, principal.userId(), name, user(principal).email(), "name", e.messagesByField());
        }
    }

    @PostMapping("/email")
    String changeEmail(@AuthenticationPrincipal AtriumPrincipal principal,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String currentPassword,
            Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        UserView user = user(principal);
        Duration wait = throttle.waitBefore(user.email(), request.getRemoteAddr());
        if (!wait.isZero()) {
            return throttled(model, response, user, "email", wait);
        }
        try {
            identity.requestEmailChange(principal.userId(), currentPassword, email, request.getRemoteAddr());
            redirect.addFlashAttribute("notice", "We sent a link to " + email.strip() + ". Your email address changes "
                    + "when you follow it; until then, keep using " + user.email() + ".");
            return "redirect:/profile";
        } catch (InvalidInputException e) {
            countProbes(e, user, request);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, user.id(), user.name(), email, "email", e.messagesByField());
        }
    }

    @PostMapping("/password")
    String changePassword(@AuthenticationPrincipal AtriumPrincipal principal,
            @RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword,
            Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        UserView user = user(principal);
        Duration wait = throttle.waitBefore(user.email(), request.getRemoteAddr());
        if (!wait.isZero()) {
            return throttled(model, response, user, "password", wait);
        }
        try {
            accounts.changePassword(principal.userId(), currentPassword, newPassword);
            // Whoever knew the old password is logged out everywhere; this session goes on under a new id. Its id
            // is taken before the new one is given, since the store still holds it under the old one.
            userSessions.endAllOtherSessions(user.id(), request.getSession().getId());
            sessionLogin.logIn(user, request, response);
            redirect.addFlashAttribute("notice", "Your password was changed.");
            return "redirect:/profile";
        } catch (InvalidInputException e) {
            countProbes(e, user, request);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, user.id(), user.name(), user.email(), "password", e.messagesByField());
        }
    }

    /** Guessing the current password, or which emails are taken, is throttled like a failed log-in. */
    private void countProbes(InvalidInputException e, UserView user, HttpServletRequest request) {
        if (e.hasCode(AccountService.PASSWORD_INCORRECT)) {
            throttle.recordFailure(user.email(), request.getRemoteAddr());
        } else if (e.hasCode(IdentityService.EMAIL_UNAVAILABLE)) {
            throttle.recordFailure(null, request.getRemoteAddr());
        }
    }

    private String throttled(Model model, HttpServletResponse response, UserView user, String form, Duration wait) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        return page(model, user.id(), user.name(), user.email(), form, Map.of("currentPassword",
                "Too many failed attempts. Wait " + LoginThrottle.describe(wait) + " and try again."));
    }

    private UserView user(AtriumPrincipal principal) {
        return accounts.findUser(principal.userId())
                .orElseThrow(() -> new IllegalStateException("The logged-in user no longer exists"));
    }

    private String page(Model model, String userId, String name, String email, String failedForm,
            Map<String, String> errors) {
        model.addAttribute("pendingEmail", identity.pendingEmailChange(userId).orElse(null));
        model.addAttribute("name", name);
        model.addAttribute("email", email);
        model.addAttribute("failedForm", failedForm);
        model.addAttribute("errors", errors);
        return "account/profile";
    }
}
