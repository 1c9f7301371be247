package io.atrium.organization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import io.atrium.account.AccountService;
import io.atrium.account.AccountView;
import io.atrium.organization.MembershipRepository.MembershipRow;

/**
 * Which account a user is working in (R-SW-1…3). The choice is kept with the user, so it is restored at
 * the next log-in and is the same on every node; it is checked on every read, so an ended membership
 * falls back to the personal account at once (R-ORG-5), and so does an organization that requires two-factor
 * authentication of a user who has not set it up (until they do: the choice is kept).
 */
@Service
public class ActiveAccounts {

    private final MembershipRepository memberships;
    private final AccountService accounts;

    ActiveAccounts(MembershipRepository memberships, AccountService accounts) {
        this.memberships = memberships;
        this.accounts = accounts;
    }

    public ActiveAccount of(String userId) {
        AccountView personal = accounts.personalAccount(userId);
        Map<String, Role> roles = memberships.ofUser(userId).stream()
                .collect(Collectors.toMap(MembershipRow::accountId, MembershipRow::role));
        List<AccountView> organizations = new ArrayList<>(accounts.accounts(roles.keySet()));
        organizations.sort(Comparator.comparing((AccountView a) -> a.name().toLowerCase()).thenComparing(AccountView::id));
        String remembered = accounts.rememberedActiveAccountId(userId).orElse(personal.id());
        AccountView chosen = organizations.stream().filter(o -> o.id().equals(remembered)).findFirst().orElse(personal);
        // Asked only when some organization of theirs requires it: most page views cost no extra query.
        boolean hasTwoFactor = organizations.stream().anyMatch(AccountView::twoFactorRequired)
                && accounts.hasTwoFactor(userId);
        // The one place an organization that requires two-factor authentication is kept from a user without it:
        // whatever they chose, they work in their personal account, and pages offer to set it up.
        AccountView active = chosen.twoFactorRequired() && !hasTwoFactor ? personal : chosen;

        List<ActiveAccount.Choice> choices = new ArrayList<>();
        choices.add(new ActiveAccount.Choice(personal, active == personal, false));
        organizations.forEach(o -> choices.add(
                new ActiveAccount.Choice(o, o == active, o.twoFactorRequired() && !hasTwoFactor)));
        Role role = active == personal ? Role.ADMIN : roles.get(active.id());
        return new ActiveAccount(userId, active, role, List.copyOf(choices), active == chosen ? null : chosen);
    }
}
