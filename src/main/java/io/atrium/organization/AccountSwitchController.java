package io.atrium.organization;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;

import io.atrium.account.AtriumPrincipal;

/** "Switch organization accounts" in the profile menu (R-SW-2). */
@Controller
class AccountSwitchController {

    private final OrganizationService organizations;

    AccountSwitchController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @PostMapping("/accounts/switch")
    RedirectView switchAccount(@AuthenticationPrincipal AtriumPrincipal principal, @RequestParam String accountId,
            @RequestParam(defaultValue = "/") String returnTo, RedirectAttributes redirect) {
        OrganizationService.SwitchOutcome switched = organizations.switchTo(principal.userId(),
                principal.ssoAccountId(), accountId);
        switch (switched.outcome()) {
            case NEEDS_SSO -> {
                // The organization lets members in through its provider only: log in there, then it opens. The id
                // is a membership's, so a plain identifier.
                return redirect("/sso/" + accountId);
            }
            case NEEDS_TWO_FACTOR -> {
                redirect.addFlashAttribute("notice", switched.organization().name()
                        + " requires two-factor authentication. Set it up to work in it.");
                return redirect("/profile/two-factor");
            }
            case SWITCHED -> {
                // on to the page the switch was made from
            }
        }
        return redirect(reloadTarget(returnTo));
    }

    /** The path may be the client's: taken as it is, never as a template whose {braces} name model values. */
    private static RedirectView redirect(String path) {
        RedirectView redirect = new RedirectView(path, true);
        redirect.setExpandUriTemplateVariables(false);
        redirect.setExposeModelAttributes(false);
        return redirect;
    }

    /**
     * Reloads the page the user was on, in the new account. Only local paths are followed (no open
     * redirect), and the Members pages, which a personal account does not have, lead home instead.
     */
    static String reloadTarget(String returnTo) {
        boolean local = returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.contains("\\")
                && returnTo.chars().noneMatch(Character::isISOControl);
        if (!local || returnTo.startsWith("/settings/members")) {
            return "/";
        }
        return returnTo;
    }
}
