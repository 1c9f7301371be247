package io.atrium.account;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The log-in and sign-up pages. The log-in form itself is processed by Spring Security. Signing up logs nobody in: the
 * page says to check the mailbox, for a new address as for a registered one.
 */
@Controller
class AuthPagesController {

    /** What the sign-up form posts; the password is never sent back to the page. */
    record SignUpForm(String name, String email, String password) {
    }

    private final IdentityService identity;
    private final LoginThrottle throttle;
    private final List<LoginPrompts> prompts;
    /** The same session attribute the filter chain's request cache saves the page that asked for a log-in under. */
    private final RequestCache savedPages = new HttpSessionRequestCache();

    AuthPagesController(IdentityService identity, LoginThrottle throttle, List<LoginPrompts> prompts) {
        this.identity = identity;
        this.throttle = throttle;
        this.prompts = prompts;
    }

    /**
     * {@code throttled} carries the seconds to wait; it comes from the URL, so only a plain number is shown. After a
     * failed attempt the email typed is filled in again; otherwise the page the visitor will return to may have
     * something to say and an address to fill in (an invitation: who invited whom).
     */
    @GetMapping("/login")
    String login(Authentication authentication, @RequestParam(required = false) String throttled, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (isLoggedIn(authentication)) {
            return "redirect:/";
        }
        if (throttled != null) {
            model.addAttribute("throttledFor", throttled.matches("[1-9][0-9]{0,6}")
                    ? LoginThrottle.describe(Duration.ofSeconds(Long.parseLong(throttled))) : "a few minutes");
        }
        Optional<LoginPrompt> prompt = prompt(request, response);
        prompt.ifPresent(found -> model.addAttribute("loginPrompt", found.message()));
        String typed = LoginFailureHandler.takeTypedEmail(request);
        model.addAttribute("loginEmail", typed != null ? typed : prompt.map(LoginPrompt::email).orElse(null));
        return "account/login";
    }

    private Optional<LoginPrompt> prompt(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = savedPages.getRequest(request, response);
        if (saved == null) {
            return Optional.empty();
        }
        String path;
        try {
            path = URI.create(saved.getRedirectUrl()).getPath();
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        if (path == null || !path.startsWith(request.getContextPath())) {
            return Optional.empty();
        }
        String withinApplication = path.substring(request.getContextPath().length());
        return prompts.stream().map(source -> source.forReturnPath(withinApplication))
                .flatMap(Optional::stream).findFirst();
    }

    @GetMapping("/signup")
    String signUpForm(Authentication authentication, Model model) {
        if (isLoggedIn(authentication)) {
            return "redirect:/";
        }
        model.addAttribute("form", new SignUpForm("", "", null));
        model.addAttribute("errors", Map.of());
        return "account/signup";
    }

    @PostMapping("/signup")
    String signUp(@ModelAttribute("form") SignUpForm form, Model model, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        String clientAddress = request.getRemoteAddr();
        Duration wait = throttle.waitBefore(null, clientAddress);
        if (!wait.isZero()) {
            return rejected(model, response, Map.of("form",
                    "Too many attempts from your network. Wait " + LoginThrottle.describe(wait) + " and try again."));
        }
        try {
            IdentityService.SignUpOutcome outcome = identity.signUp(
                    new SignUpCommand(form.name(), form.email(), form.password()), clientAddress);
            if (outcome == IdentityService.SignUpOutcome.ALREADY_REGISTERED) {
                // R-ACC-3: the answer is the same as for a new address (its owner is mailed instead). Trying
                // addresses is still an enumeration probe: it is counted like a failed log-in.
                throttle.recordFailure(null, clientAddress);
            }
        } catch (InvalidInputException e) {
            if (!e.hasCode(IdentityService.EMAIL_UNAVAILABLE)) {
                return rejected(model, response, e.messagesByField());
            }
            // registered by a sign-up racing with this one: answered like any registered address
        }
        return EmailLinksController.checkEmail(redirect, form.email().strip(),
                "Follow the link in it to confirm your address. You can log in before you do, but creating "
                        + "organizations and API keys waits for the confirmation.");
    }

    private static String rejected(Model model, HttpServletResponse response, Map<String, String> errors) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("errors", errors);
        return "account/signup";
    }

    private static boolean isLoggedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
