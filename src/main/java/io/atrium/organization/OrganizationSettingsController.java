package io.atrium.organization;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.account.AccountView;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/** Settings > Organization: create one from a personal account; view, rename and delete the active one. */
@Controller
@RequestMapping("/settings/organization")
class OrganizationSettingsController {

    private final OrganizationService organizations;

    OrganizationSettingsController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GetMapping
    String settings(Actor actor, Model model) {
        return page(actor, model, null, Map.of());
    }

    @PostMapping
    String create(Actor actor, @RequestParam(defaultValue = "") String name,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            AccountView organization = organizations.create(actor.userId(), name);
            redirect.addFlashAttribute("notice",
                    "Organization created. You are now working in " + organization.name() + ".");
            return "redirect:/settings/organization";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(actor, model, name, e.messagesByField());
        }
    }

    @PostMapping("/name")
    String rename(Actor actor, @RequestParam(defaultValue = "") String name,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        actor.requireOrganization();
        try {
            organizations.rename(actor, name);
            redirect.addFlashAttribute("notice", "The organization was renamed.");
            return "redirect:/settings/organization";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(actor, model, name, e.messagesByField());
        }
    }

    @PostMapping("/two-factor")
    String requireTwoFactor(Actor actor, @RequestParam(defaultValue = "false") boolean required,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        actor.requireOrganization();
        try {
            organizations.requireTwoFactor(actor, required);
            redirect.addFlashAttribute("notice", required
                    ? "Members now need two-factor authentication to work in the organization."
                    : "Members no longer need two-factor authentication to work in the organization.");
            return "redirect:/settings/organization";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(actor, model, null, e.messagesByField());
        }
    }

    @GetMapping("/delete")
    String confirmDelete(Actor actor, Model model) {
        actor.requireOrganization().requireAdmin();
        model.addAttribute("organization", organizations.organization(actor));
        model.addAttribute("memberCount", organizations.memberCount(actor.accountId()));
        model.addAttribute("errors", Map.of());
        return "organization/delete";
    }

    @PostMapping("/delete")
    String delete(Actor actor,
            @RequestParam(defaultValue = "") String confirmName, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        AccountView organization = organizations.organization(actor.requireOrganization());
        try {
            organizations.delete(actor, confirmName);
            redirect.addFlashAttribute("notice", organization.name() + " was deleted.");
            return "redirect:/";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("organization", organization);
            model.addAttribute("memberCount", organizations.memberCount(actor.accountId()));
            model.addAttribute("errors", e.messagesByField());
            return "organization/delete";
        }
    }

    private String page(Actor actor, Model model, String submittedName, Map<String, String> errors) {
        model.addAttribute("errors", errors);
        model.addAttribute("submittedName", submittedName);
        if (actor.personal()) {
            model.addAttribute("created", organizations.createdBy(actor.userId()).orElse(null));
        } else {
            model.addAttribute("memberCount", organizations.memberCount(actor.accountId()));
        }
        return "organization/settings";
    }
}
