package io.atrium.organization;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;

/** Settings > Members of the active organization: roles, removal, leaving. Answers 404 in a personal account. */
@Controller
@RequestMapping("/settings/members")
class MembersController {

    private final OrganizationService organizations;
    private final MemberKeys memberKeys;

    MembersController(OrganizationService organizations, MemberKeys memberKeys) {
        this.organizations = organizations;
        this.memberKeys = memberKeys;
    }

    @GetMapping
    String members(Actor actor, Model model) {
        actor.requireOrganization();
        model.addAttribute("members", organizations.members(actor));
        model.addAttribute("roles", Role.values());
        return "organization/members";
    }

    @PostMapping("/{userId}/role")
    String changeRole(Actor actor, @PathVariable String userId,
            @RequestParam(defaultValue = "") String role, RedirectAttributes redirect) {
        actor.requireOrganization();
        try {
            Role chosen = Role.parse("role", role);
            String name = organizations.member(actor, userId).user().name();
            organizations.changeRole(actor, userId, chosen);
            redirect.addFlashAttribute("notice", name + " is now " + chosen.withArticle() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/members";
    }

    @GetMapping("/{userId}/remove")
    String confirmRemove(Actor actor, @PathVariable String userId, Model model) {
        actor.requireOrganization().requireAdmin();
        model.addAttribute("member", organizations.member(actor, userId));
        model.addAttribute("keysToRevoke", memberKeys.activeKeyNames(actor.accountId(), userId));
        return "organization/remove";
    }

    @PostMapping("/{userId}/remove")
    String remove(Actor actor, @PathVariable String userId,
            RedirectAttributes redirect) {
        actor.requireOrganization();
        String email = organizations.member(actor, userId).user().email();
        try {
            organizations.remove(actor, userId);
            redirect.addFlashAttribute("notice", email + " was removed from the organization.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/members";
    }

    /**
     * Says what leaving takes away, the member's API keys for the organization among it; the last administrator is
     * told why they can't leave instead of being asked to confirm what would be refused.
     */
    @GetMapping("/leave")
    String confirmLeave(Actor actor, Model model) {
        actor.requireOrganization();
        model.addAttribute("lastAdmin", organizations.lastAdmin(actor));
        model.addAttribute("keysToRevoke", memberKeys.activeKeyNames(actor.accountId(), actor.userId()));
        return "organization/leave";
    }

    @PostMapping("/leave")
    String leave(Actor actor, RedirectAttributes redirect) {
        actor.requireOrganization();
        try {
            String name = organizations.organization(actor).name();
            organizations.leave(actor);
            redirect.addFlashAttribute("notice", "You left " + name + ".");
            return "redirect:/";
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/settings/members";
        }
    }

}
