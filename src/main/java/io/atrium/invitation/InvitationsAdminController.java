package io.atrium.invitation;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.organization.Role;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Settings > Members > Invite and the Invitations tab of the active organization. Admin-only: for members
 * and in a personal account these pages are hidden and answer 404.
 */
@Controller
@RequestMapping("/settings/members")
class InvitationsAdminController {

    private final InvitationService invitations;

    InvitationsAdminController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/invite")
    String inviteForm(Actor actor, Model model) {
        // the one page here that asks no service, which would check the same (the others leave it to them)
        actor.requireOrganization().requireAdmin();
        return invitePage(model, "", "member", Map.of(), null);
    }

    @PostMapping("/invite")
    String invite(Actor actor, @RequestParam(defaultValue = "") String emails,
            @RequestParam(defaultValue = "member") String role, Model model, HttpServletResponse response) {
        try {
            List<InviteOutcome> outcomes = invitations.invite(actor, emails, role);
            return invitePage(model, "", role, Map.of(), outcomes);
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return invitePage(model, emails, role, e.messagesByField(), null);
        }
    }

    @GetMapping("/invitations")
    String pending(Actor actor, Model model) {
        model.addAttribute("invitations", invitations.pending(actor));
        return "invitation/list";
    }

    @PostMapping("/invitations/{id}/resend")
    String resend(Actor actor, @PathVariable String id,
            RedirectAttributes redirect) {
        try {
            invitations.resend(actor, id);
            redirect.addFlashAttribute("notice", "A new invitation was sent. The previous link no longer works.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/members/invitations";
    }

    @GetMapping("/invitations/{id}/revoke")
    String confirmRevoke(Actor actor, @PathVariable String id, Model model) {
        model.addAttribute("invitation", invitations.pending(actor).stream()
                .filter(invitation -> invitation.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("Invitation")));
        return "invitation/revoke";
    }

    @PostMapping("/invitations/{id}/revoke")
    String revoke(Actor actor, @PathVariable String id,
            RedirectAttributes redirect) {
        invitations.revoke(actor, id);
        redirect.addFlashAttribute("notice", "The invitation was revoked. Its link no longer works.");
        return "redirect:/settings/members/invitations";
    }

    private static String invitePage(Model model, String emails, String role, Map<String, String> errors,
            List<InviteOutcome> outcomes) {
        model.addAttribute("emails", emails);
        model.addAttribute("role", role);
        model.addAttribute("roles", Role.values());
        model.addAttribute("errors", errors);
        model.addAttribute("outcomes", outcomes);
        return "invitation/invite";
    }

}
