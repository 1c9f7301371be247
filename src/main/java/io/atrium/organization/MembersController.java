package io.atrium.organization;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.account.AtriumPrincipal;
import io.atrium.shared.InvalidInputException;

/** Settings > Members of the active organization: roles, removal, leaving. Answers 404 in a personal account. */
@Controller
@RequestMapping("/settings/members")
class MembersController {

    private final OrganizationService organizations;
    private final ActiveAccounts activeAccounts;
    private final MemberKeys memberKeys;

    MembersController(OrganizationService organizations, ActiveAccounts activeAccounts, MemberKeys memberKeys) {
        this.organizations = organizations;
        this.activeAccounts = activeAccounts;
        this.memberKeys = memberKeys;
    }

    @GetMapping
    String members(@AuthenticationPrincipal AtriumPrincipal principal, Model model) {
        ActiveAccount active = organization(principal);
        model.addAttribute("members", organizations.members(active.id(), principal.userId()));
        model.addAttribute("roles", Role.values());
        return "organization/members";
    }

    @PostMapping("/{userId}/role")
    String changeRole(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String userId,
            @RequestParam(defaultValue = "") String role, RedirectAttributes redirect) {
        ActiveAccount active = organization(principal);
        try {
            organizations.changeRole(principal.userId(), active.id(), userId, Role.parse("role", role));
            redirect.addFlashAttribute("notice", "The role was changed.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/members";
    }

    @GetMapping("/{userId}/remove")
    String confirmRemove(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String userId, Model model) {
        ActiveAccount active = activeAccounts.requireOrganizationAdmin(principal.userId());
        model.addAttribute("member", organizations.member(active.id(), principal.userId(), userId));
        model.addAttribute("keysToRevoke", memberKeys.activeKeyNames(active.id(), userId));
        return "organization/remove";
    }

    @PostMapping("/{userId}/remove")
    String remove(@AuthenticationPrincipal AtriumPrincipal principal, @PathVariable String userId,
            RedirectAttributes redirect) {
        ActiveAccount active = organization(principal);
        String email = organizations.member(active.id(), principal.userId(), userId).user().email();
        try {
            organizations.remove(principal.userId(), active.id(), userId);
            redirect.addFlashAttribute("notice", email + " was removed from the organization.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/members";
    }

    @GetMapping("/leave")
    String confirmLeave(@AuthenticationPrincipal AtriumPrincipal principal) {
        organization(principal);
        return "organization/leave";
    }

    @PostMapping("/leave")
    String leave(@AuthenticationPrincipal AtriumPrincipal principal, RedirectAttributes redirect) {
        ActiveAccount active = organization(principal);
        try {
            organizations.leave(principal.userId(), active.id());
            redirect.addFlashAttribute("notice", "You left " + active.account().name() + ".");
            return "redirect:/";
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/settings/members";
        }
    }

    private ActiveAccount organization(AtriumPrincipal principal) {
        return activeAccounts.requireOrganization(principal.userId());
    }
}
