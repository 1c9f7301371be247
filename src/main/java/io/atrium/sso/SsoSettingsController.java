package io.atrium.sso;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
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
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Settings > Organization > SSO, for the active organization's administrators; members and personal accounts get 404
 * (the {@link Actor}'s access policy).
 */
@Controller
@RequestMapping(SsoLoginHandlers.SETTINGS_PAGE)
class SsoSettingsController {

    private static final String REDIRECT = "redirect:" + SsoLoginHandlers.SETTINGS_PAGE;

    private final SsoSettingsService sso;

    SsoSettingsController(SsoSettingsService sso) {
        this.sso = sso;
    }

    @GetMapping
    String settings(Actor actor, Model model) {
        return page(actor, model, Map.of(), null);
    }

    /** The form never shows the secret again: left blank, the saved one stays. */
    @PostMapping("/provider")
    String saveProvider(Actor actor, @RequestParam(defaultValue = "") String issuer,
            @RequestParam(defaultValue = "") String clientId, @RequestParam(defaultValue = "") String clientSecret,
            @RequestParam(defaultValue = "member") String joinRole, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            sso.saveProvider(actor, issuer, clientId, clientSecret, joinRole);
            redirect.addFlashAttribute("notice", "Saved. Test the connection before turning single sign-on on.");
            return REDIRECT;
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(actor, model, e.messagesByField(), new ProviderForm(issuer, clientId, joinRole));
        }
    }

    /** Signs the administrator in once through the provider; {@link SsoLoginHandlers} brings them back here. */
    @PostMapping("/test")
    String test(Actor actor, Authentication login, HttpSession session, Model model, RedirectAttributes redirect) {
        try {
            String organizationId = sso.startTest(actor);
            session.setAttribute(SsoLoginHandlers.PENDING_TEST,
                    new SsoLoginHandlers.PendingTest(organizationId, actor.userId(), login));
            return SsoPagesController.continueTo("/oauth2/authorization/" + organizationId, model);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return REDIRECT;
        }
    }

    @PostMapping("/enabled")
    String enabled(Actor actor, @RequestParam boolean on, RedirectAttributes redirect) {
        return change(redirect, () -> sso.setEnabled(actor, on),
                on ? "Single sign-on is on." : "Single sign-on is off.");
    }

    @PostMapping("/required")
    String required(Actor actor, @RequestParam boolean on, RedirectAttributes redirect) {
        return change(redirect, () -> sso.setRequired(actor, on), on
                ? "Single sign-on is required: members enter the organization through the provider."
                : "Single sign-on is no longer required.");
    }

    @PostMapping("/domains")
    String addDomain(Actor actor, @RequestParam(defaultValue = "") String domain, RedirectAttributes redirect) {
        return change(redirect, () -> sso.addDomain(actor, domain),
                "Domain added. Publish the TXT record below, then select Verify.");
    }

    @PostMapping("/domains/{domain}/verify")
    String verifyDomain(Actor actor, @PathVariable String domain, RedirectAttributes redirect) {
        return change(redirect, () -> sso.verifyDomain(actor, domain), domain + " is verified.");
    }

    @PostMapping("/domains/{domain}/remove")
    String removeDomain(Actor actor, @PathVariable String domain, RedirectAttributes redirect) {
        return change(redirect, () -> sso.removeDomain(actor, domain), domain + " was removed.");
    }

    /** What the provider form posted, shown again next to its errors (never the secret). */
    record ProviderForm(String issuer, String clientId, String joinRole) {
    }

    private String change(RedirectAttributes redirect, Runnable change, String notice) {
        try {
            change.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return REDIRECT;
    }

    private String page(Actor actor, Model model, Map<String, String> errors, ProviderForm submitted) {
        SsoSettingsView view = sso.view(actor);
        model.addAttribute("sso", view);
        model.addAttribute("form", submitted != null ? submitted
                : new ProviderForm(view.issuer(), view.clientId(), view.joinRole().value()));
        model.addAttribute("roles", Role.values());
        model.addAttribute("errors", errors);
        return "sso/settings";
    }
}
