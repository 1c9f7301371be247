package io.atrium.account;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpSession;

/** Profile > Sessions: where the user is logged in, and signing out the other sessions. */
@Controller
@RequestMapping("/profile/sessions")
class SessionsController {

    private final UserSessions userSessions;

    SessionsController(UserSessions userSessions) {
        this.userSessions = userSessions;
    }

    @GetMapping
    String sessions(@AuthenticationPrincipal AtriumPrincipal principal, HttpSession session, Model model) {
        model.addAttribute("sessions", userSessions.list(principal.userId(), session));
        return "account/sessions";
    }

    @PostMapping("/{handle}/end")
    String end(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String handle, HttpSession session,
            RedirectAttributes redirect) {
        SessionView ended = userSessions.endOther(principal.userId(), handle, session.getId());
        redirect.addFlashAttribute("notice", "That session (" + ended.browser() + ") was signed out.");
        return "redirect:/profile/sessions";
    }

    @PostMapping("/end-others")
    String endOthers(@AuthenticationPrincipal AtriumPrincipal principal, HttpSession session,
            RedirectAttributes redirect) {
        int ended = userSessions.endAllOtherSessions(principal.userId(), session.getId());
        redirect.addFlashAttribute("notice", switch (ended) {
            case 0 -> "There were no other sessions to sign out.";
            case 1 -> "Signed out 1 other session.";
            default -> "Signed out " + ended + " other sessions.";
        });
        return "redirect:/profile/sessions";
    }
}
