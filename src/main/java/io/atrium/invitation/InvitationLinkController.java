package io.atrium.invitation;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.account.AccountService;
import io.atrium.account.AccountView;
import io.atrium.account.AtriumPrincipal;
import io.atrium.account.SessionLogin;
import io.atrium.account.UserView;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The "Accept invitation" link (R-INV-5…7): a visitor signs up with the invited address, a logged-out user
 * logs in, a logged-in user with the invited address accepts in one click, anyone else is refused.
 */
@Controller
@RequestMapping("/invitations/{token}")
class InvitationLinkController {

    private final InvitationService invitations;
    private final AccountService accounts;
    private final SessionLogin sessionLogin;

    InvitationLinkController(InvitationService invitations, AccountService accounts, SessionLogin sessionLogin) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.sessionLogin = sessionLogin;
    }

    @GetMapping
    String open(@PathVariable String token, @AuthenticationPrincipal AtriumPrincipal principal, Model model,
            HttpServletResponse response) {
        InvitationPreview invitation = invitations.preview(token).orElseThrow(InvitationUnusableException::new);
        model.addAttribute("invitation", invitation);
        model.addAttribute("token", token);
        if (principal == null) {
            return "invitation/open";
        }
        UserView user = accounts.findUser(principal.userId()).orElseThrow();
        if (!user.email().equalsIgnoreCase(invitation.email())) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("invitedEmail", invitation.email());
            model.addAttribute("currentEmail", user.email());
            return "invitation/wrong-recipient";
        }
        return "invitation/accept";
    }

    /** Needs a log-in, so Spring Security sends the visitor to log in and back here afterwards. */
    @GetMapping("/login")
    String logInThenReturn(@PathVariable String token) {
        return "redirect:/invitations/{token}";
    }

    @PostMapping("/accept")
    String accept(@PathVariable String token, @AuthenticationPrincipal AtriumPrincipal principal,
            RedirectAttributes redirect) {
        AccountView organization = invitations.accept(token, principal.userId());
        redirect.addFlashAttribute("notice", "Welcome to " + organization.name() + ". You are now working in its account.");
        return "redirect:/";
    }

    @GetMapping("/signup")
    String signUpForm(@PathVariable String token, @AuthenticationPrincipal AtriumPrincipal principal, Model model) {
        if (principal != null) {
            return "redirect:/invitations/{token}";
        }
        return signUpPage(model, token, "", Map.of());
    }

    @PostMapping("/signup")
    String signUp(@PathVariable String token, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String password, Model model, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        InvitationPreview invitation = invitations.preview(token).orElseThrow(InvitationUnusableException::new);
        try {
            UserView user = invitations.signUpAndAccept(token, name, password);
            sessionLogin.logIn(user, request, response);
            redirect.addFlashAttribute("notice", "Welcome to Atrium. You joined " + invitation.organizationName()
                    + " and are working in its account.");
            return "redirect:/";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return signUpPage(model, token, name, e.messagesByField());
        }
    }

    @ExceptionHandler(InvitationUnusableException.class)
    String unusable(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "invitation/unusable";
    }

    @ExceptionHandler(WrongRecipientException.class)
    String wrongRecipient(WrongRecipientException e, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("invitedEmail", e.invitedEmail());
        return "invitation/wrong-recipient";
    }

    private String signUpPage(Model model, String token, String name, Map<String, String> errors) {
        InvitationPreview invitation = invitations.preview(token).orElseThrow(InvitationUnusableException::new);
        model.addAttribute("invitation", invitation);
        model.addAttribute("token", token);
        model.addAttribute("name", name);
        model.addAttribute("errors", errors);
        return "invitation/signup";
    }
}
