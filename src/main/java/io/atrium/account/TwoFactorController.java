package io.atrium.account;

import java.time.Duration;
import java.util.List;
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

/**
 * Profile > Two-factor authentication: set it up (QR code and key, confirmed by a first code), see the recovery codes
 * once, make new ones, turn it off. Changes that need a code count wrong ones as failed log-ins. Turning it on or off
 * ends the user's other sessions, as a password change does: whoever is logged in elsewhere logs in again under the
 * new rule.
 */
@Controller
@RequestMapping("/profile/two-factor")
class TwoFactorController {

    private final AccountService accounts;
    private final TwoFactorService twoFactor;
    private final TotpCodes codes;
    private final LoginThrottle throttle;
    private final SessionLogin sessionLogin;
    private final UserSessions userSessions;

    TwoFactorController(AccountService accounts, TwoFactorService twoFactor, TotpCodes codes, LoginThrottle throttle,
            SessionLogin sessionLogin, UserSessions userSessions) {
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.codes = codes;
        this.throttle = throttle;
        this.sessionLogin = sessionLogin;
        this.userSessions = userSessions;
    }

    @GetMapping
    String settings(@AuthenticationPrincipal AtriumPrincipal principal, Model model) {
        return page(model, user(principal), null, null, Map.of());
    }

    @PostMapping("/setup")
    String startSetUp(@AuthenticationPrincipal AtriumPrincipal principal) {
        twoFactor.startSetUp(principal.userId());
        return "redirect:/profile/two-factor";
    }

    @PostMapping("/enable")
    String enable(@AuthenticationPrincipal AtriumPrincipal principal, @RequestParam(defaultValue = "") String code,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        UserView user = user(principal);
        return withCode(model, request, response, user, "enable", () -> {
            List<String> recoveryCodes = twoFactor.enable(user.id(), code);
            endOtherSessions(user, request, response);
            model.addAttribute("notice", "Two-factor authentication is on. You were logged out everywhere else.");
            return page(model, user, recoveryCodes, null, Map.of());
        });
    }

    @PostMapping("/recovery-codes")
    String regenerateRecoveryCodes(@AuthenticationPrincipal AtriumPrincipal principal,
            @RequestParam(defaultValue = "") String code, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        UserView user = user(principal);
        return withCode(model, request, response, user, "recovery", () -> {
            List<String> recoveryCodes = twoFactor.regenerateRecoveryCodes(user.id(), code);
            model.addAttribute("notice", "New recovery codes were made. The old ones no longer work.");
            return page(model, user, recoveryCodes, null, Map.of());
        });
    }

    @PostMapping("/disable")
    String disable(@AuthenticationPrincipal AtriumPrincipal principal, @RequestParam(defaultValue = "") String code,
            Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        UserView user = user(principal);
        return withCode(model, request, response, user, "disable", () -> {
            twoFactor.disable(user.id(), code);
            endOtherSessions(user, request, response);
            redirect.addFlashAttribute("notice", "Two-factor authentication is off. You were logged out everywhere else.");
            return "redirect:/profile/two-factor";
        });
    }

    private interface CodeAction {
        String run();
    }

    /** Runs a change that a code must confirm, held back by the log-in throttle and counted there when wrong. */
    private String withCode(Model model, HttpServletRequest request, HttpServletResponse response, UserView user,
            String form, CodeAction action) {
        Duration wait = throttle.waitBefore(user.email(), request.getRemoteAddr());
        if (!wait.isZero()) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return page(model, user, null, form, Map.of("code",
                    "Too many failed attempts. Wait " + LoginThrottle.describe(wait) + " and try again."));
        }
        try {
            return action.run();
        } catch (InvalidInputException e) {
            if (e.hasCode(TwoFactorService.CODE_INCORRECT)) {
                throttle.recordFailure(user.email(), request.getRemoteAddr());
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(model, user, null, form, e.messagesByField());
        }
    }

    /** The id of this session is taken before it is given a new one, since the store still holds it under the old. */
    private void endOtherSessions(UserView user, HttpServletRequest request, HttpServletResponse response) {
        userSessions.endAllOtherSessions(user.id(), request.getSession().getId());
        sessionLogin.logIn(user, request, response);
    }

    private UserView user(AtriumPrincipal principal) {
        return accounts.findUser(principal.userId())
                .orElseThrow(() -> new IllegalStateException("The logged-in user no longer exists"));
    }

    private String page(Model model, UserView user, List<String> recoveryCodes, String failedForm,
            Map<String, String> errors) {
        TwoFactorService.Setting setting = twoFactor.setting(user.id());
        model.addAttribute("enabled", setting.enabled());
        model.addAttribute("recoveryCodesLeft", setting.recoveryCodesLeft());
        model.addAttribute("recoveryCodeCount", TwoFactorService.RECOVERY_CODE_COUNT);
        if (setting.pendingSecret() != null) {
            // in groups of four, as people type a key into an app
            model.addAttribute("pendingSecret", setting.pendingSecret().replaceAll("(.{4})(?!$)", "$1 "));
            model.addAttribute("qrCode", QrCodeImage.svgDataUri(codes.uri(setting.pendingSecret(), user.email())));
        }
        model.addAttribute("recoveryCodes", recoveryCodes);
        model.addAttribute("failedForm", failedForm);
        model.addAttribute("errors", errors);
        return "account/two-factor";
    }
}
