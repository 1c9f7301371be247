package io.atrium.organization;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.atrium.account.AtriumPrincipal;

/** "Switch organization accounts" in the profile menu (R-SW-2). */
@Controller
class AccountSwitchController {

    private final ActiveAccounts activeAccounts;

    AccountSwitchController(ActiveAccounts activeAccounts) {
        this.activeAccounts = activeAccounts;
    }

    @PostMapping("/accounts/switch")
    String switchAccount(@AuthenticationPrincipal AtriumPrincipal principal, @RequestParam String accountId,
            @RequestParam(defaultValue = "/") String returnTo) {
        activeAccounts.switchTo(principal.userId(), accountId);
        return "redirect:" + reloadTarget(returnTo);
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
