package io.atrium.organization;

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

import io.atrium.account.AccountView;
import io.atrium.account.AtriumPrincipal;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/** Settings > Organization: create one from a personal account; view, rename and delete the active one. */
@Controller
@RequestMapping("/settings/organization")
class OrganizationSettingsController {

    private final OrganizationService organizations;
    private final ActiveAccounts activeAccounts;

    OrganizationSettingsController(OrganizationService organizations, ActiveAccounts activeAccounts) {
        this.organizations = organizations;
        this.activeAccounts = activeAccounts;
    }

    @GetMapping
    String settings(@AuthenticationPrincipal AtriumPrincipal principal, Model model) {
        return page(principal, model, null, Map.of());
    }

    @PostMapping
    String create(@AuthenticationPrincipal AtriumPrincipal principal, @RequestParam(defaultValue = "") String name,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            AccountView organization = organizations.create(principal.userId(), name);
            redirect.addFlashAttribute("notice",
                    "Organization created. You are now working in " + organization.name() + ".");
            return "redirect:/settings/organization";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(principal, model, name, e.messagesByField());
        }
    }

    @PostMapping("/name")
    String rename(@AuthenticationPrincipal AtriumPrincipal principal, @RequestParam(defaultValue = "") String name,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        ActiveAccount active = organizationOnly(principal);
        try {
            organizations.rename(principal.userId(), active.id(), name);
            redirect.addFlashAttribute("notice", "The organization was renamed.");
            return "redirect:/settings/organization";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(principal, model, name, e.messagesByField());
        }
    }

    @GetMapping("/delete")
    String confirmDelete(@AuthenticationPrincipal AtriumPrincipal principal, Model model) {
        ActiveAccount active = adminOnly(principal);
        model.addAttribute("organization", active.account());
        model.addAttribute("memberCount", organizations.memberCount(active.id()));
        model.addAttribute("errors", Map.of());
        return "organization/delete";
    }

    @PostMapping("/delete")
    String delete(@AuthenticationPrincipal AtriumPrincipal principal,
            @RequestParam(defaultValue = "") String confirmName, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        ActiveAccount active = organizationOnly(principal);
        try {
            organizations.delete(principal.userId(), active.id(), confirmName);
            redirect.addFlashAttribute("notice", active.account().name() + " was deleted.");
            return "redirect:/";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("organization", active.account());
            model.addAttribute("memberCount", organizations.memberCount(active.id()));
            model.addAttribute("errors", e.messagesByField());
            return "organization/delete";
        }
    }

    private String page(AtriumPrincipal principal, Model model, String submittedName, Map<String, String> errors) {
        ActiveAccount active = activeAccounts.of(principal.userId());
        model.addAttribute("errors", errors);
        model.addAttribute("submittedName", submittedName);
        if (active.personal()) {
            model.addAttribute("created", organizations.createdBy(principal.userId()).orElse(null));
        } else {
            model.addAttribute("memberCount", organizations.memberCount(active.id()));
        }
        return "organization/settings";
    }

    private ActiveAccount organizationOnly(AtriumPrincipal principal) {
        return activeAccounts.requireOrganization(principal.userId());
    }

    /** Pages only admins use are hidden from members: their URLs answer 404. */
    private ActiveAccount adminOnly(AtriumPrincipal principal) {
        return activeAccounts.requireOrganizationAdmin(principal.userId());
    }
}
