package io.atrium.sso;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.atrium.shared.EmailAddresses;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The ways into single sign-on: "Log in with SSO" on the log-in page (the address's domain picks the organization),
 * an organization's own link {@code /sso/{organizationId}}, and the pages a log-in that did not work ends on.
 */
@Controller
class SsoPagesController {

    /**
     * The answer for an address whose domain no organization signs in through: the same whether its domain is unknown,
     * claimed, or owned by an organization with single sign-on off, and the same for registered and unknown addresses.
     */
    static final String NOT_SSO = "Single sign-on isn't set up for this email address's domain. Log in with your password.";

    private final SsoLogins logins;
    private final ProviderDiscovery discovery;

    SsoPagesController(SsoLogins logins, ProviderDiscovery discovery) {
        this.logins = logins;
        this.discovery = discovery;
    }

    /**
     * Only the domain decides, so this tells nothing about whether an address is registered; it does tell that a
     * domain's organization uses single sign-on, which its people are meant to know.
     */
    @PostMapping("/login/sso")
    String logInWithSso(@RequestParam(defaultValue = "") String email, Model model, HttpServletResponse response) {
        String address = email.strip();
        Optional<String> organization = EmailAddresses.isValid(address)
                ? logins.organizationSigningIn(address.substring(address.lastIndexOf('@') + 1))
                : Optional.empty();
        if (organization.isPresent()) {
            return "redirect:/sso/" + organization.get();
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("ssoEmail", address);
        model.addAttribute("ssoMessage", EmailAddresses.isValid(address) ? NOT_SSO
                : "Enter your work email address, like name@example.com.");
        return "account/login";
    }

    /**
     * The organization's single sign-on link. It answers a page that moves on to {@link #start}, so that a form that led
     * here (Log in with SSO, the account switcher) has ended before the browser is sent to the provider. An organization
     * without single sign-on on, and one that does not exist, are both not found.
     */
    @GetMapping("/sso/{organizationId}")
    String link(@PathVariable String organizationId, Model model) {
        logins.issuerOf(organizationId);
        return continueTo("/sso/" + organizationId + "/start", model);
    }

    /** The page that sends the browser on to {@code target} (within Atrium, then to the provider). */
    static String continueTo(String target, Model model) {
        model.addAttribute("target", target);
        return "sso/continue";
    }

    /**
     * Starts a log-in through the organization's provider, once the provider has answered: one that is down gets a
     * clear page here rather than an error from the browser.
     */
    @GetMapping("/sso/{organizationId}/start")
    String start(@PathVariable String organizationId, HttpServletResponse response) {
        String issuer = logins.issuerOf(organizationId);
        try {
            discovery.fresh(issuer);
        } catch (ProviderUnreachableException e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            return "sso/unreachable";
        }
        return "redirect:/oauth2/authorization/" + organizationId;
    }

    @GetMapping("/sso/unreachable")
    String unreachable(HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        return "sso/unreachable";
    }

    @GetMapping("/sso/failed")
    String failed(HttpSession session, Model model) {
        Object why = session.getAttribute(SsoLoginHandlers.FAILURE);
        session.removeAttribute(SsoLoginHandlers.FAILURE);
        model.addAttribute("reason", why);
        return "sso/failed";
    }
}
