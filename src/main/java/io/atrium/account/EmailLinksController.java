package io.atrium.account;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The pages behind the links Atrium mails (confirm an address, reset a password, confirm a new address) and the forms
 * that ask for them. What they answer never depends on whether an address is registered.
 */
@Controller
class EmailLinksController {

    private final IdentityService identity;

    EmailLinksController(IdentityService identity) {
        this.identity = identity;
    }

    /** Sends the browser to the "check your email" page, which shows {@code email} and what the message is for. */
    static String checkEmail(RedirectAttributes redirect, String email, String explanation) {
        redirect.addFlashAttribute("email", email);
        redirect.addFlashAttribute("explanation", explanation);
        return "redirect:/check-email";
    }

    @GetMapping("/check-email")
    String checkEmailPage(Model model) {
        if (!model.containsAttribute("explanation")) {
            model.addAttribute("explanation", "Follow the link in the message we sent you.");
        }
        return "account/check-email";
    }

    @GetMapping("/confirm-email/{token}")
    String confirm(@PathVariable String token, @AuthenticationPrincipal AtriumPrincipal principal,
            RedirectAttributes redirect) {
        UserView user = identity.confirmEmail(token);
        // The token leaves the address bar: the next page has a plain URL.
        if (principal != null && principal.userId().equals(user.id())) {
            redirect.addFlashAttribute("notice", "Your email address is confirmed.");
            return "redirect:/profile";
        }
        redirect.addFlashAttribute("notice", "Your email address is confirmed. Log in to continue.");
        return "redirect:/login";
    }

    @PostMapping("/profile/resend-confirmation")
    String resend(@AuthenticationPrincipal AtriumPrincipal principal, HttpServletRequest request,
            RedirectAttributes redirect) {
        String notice = switch (identity.resendConfirmation(principal.userId(), request.getRemoteAddr())) {
            case SENT -> "We sent a new confirmation link. It works for 24 hours.";
            case TOO_MANY -> "We have already sent several links in the last hour. Use the newest one, or try again later.";
            case ALREADY_CONFIRMED -> "Your email address is already confirmed.";
        };
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/profile";
    }

    @GetMapping("/confirm-email-change/{token}")
    String confirmChange(@PathVariable String token, @AuthenticationPrincipal AtriumPrincipal principal,
            RedirectAttributes redirect) {
        UserView user = identity.confirmEmailChange(token);
        redirect.addFlashAttribute("notice", "Your email address is now " + user.email() + ". Use it to log in.");
        return principal != null && principal.userId().equals(user.id()) ? "redirect:/profile" : "redirect:/login";
    }

    @GetMapping("/forgot-password")
    String forgotForm(Model model) {
        return forgotPage(model, "", Map.of());
    }

    @PostMapping("/forgot-password")
    String forgot(@RequestParam(defaultValue = "") String email, Model model, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            identity.requestPasswordReset(email, request.getRemoteAddr());
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return forgotPage(model, email, e.messagesByField());
        }
        return checkEmail(redirect, email.strip(), "If an account uses this address, the message has a link to choose "
                + "a new password. The link works for 1 hour.");
    }

    @GetMapping("/reset-password/{token}")
    String resetForm(@PathVariable String token, Model model) {
        if (!identity.resetLinkUsable(token)) {
            throw new LinkUnusableException();
        }
        return resetPage(model, token, Map.of());
    }

    @PostMapping("/reset-password/{token}")
    String reset(@PathVariable String token, @RequestParam(defaultValue = "") String password, Model model,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            identity.resetPassword(token, password);
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return resetPage(model, token, e.messagesByField());
        }
        // Every session of the user has ended; this browser starts afresh too, whoever it was logged in as.
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        redirect.addFlashAttribute("notice", "Your password was changed and every session signed out. Log in with the "
                + "new password.");
        return "redirect:/login";
    }

    @ExceptionHandler(LinkUnusableException.class)
    @ResponseStatus(HttpStatus.GONE)
    String unusable(HttpServletRequest request, Model model) {
        boolean reset = request.getRequestURI().startsWith("/reset-password/");
        model.addAttribute("hint", reset ? "Ask for a new reset link: each one works for an hour, and only the newest."
                : "Log in and send a new one from the banner at the top of the page, or change your address again "
                        + "from your profile.");
        model.addAttribute("retryPath", reset ? "/forgot-password" : "/login");
        model.addAttribute("retryLabel", reset ? "Send a new reset link" : "Go to log in");
        return "account/link-unusable";
    }

    private static String forgotPage(Model model, String email, Map<String, String> errors) {
        model.addAttribute("email", email);
        model.addAttribute("errors", errors);
        return "account/forgot-password";
    }

    private static String resetPage(Model model, String token, Map<String, String> errors) {
        model.addAttribute("token", token);
        model.addAttribute("errors", errors);
        return "account/reset-password";
    }
}
