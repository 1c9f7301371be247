package io.atrium.organization;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>It is also the one place that decides who may enter an organization that requires single sign-on: a session
 * that logged in through that organization's provider, or one of its administrators (who keep a password log-in, so
 * that a broken provider cannot lock the organization out). Anyone else works in their personal account until they
 * log in through the provider.
 */
@Service
public class ActiveAccounts {

    private final MembershipRepository memberships;
    private final AccountService accounts;
    private final SsoRequirement ssoRequirement;

    ActiveAccounts(MembershipRepository memberships, AccountService accounts, SsoRequirement ssoRequirement) {
        this.memberships = memberships;
        this.accounts = accounts;
        this.ssoRequirement = ssoRequirement;
    }

    /**
     * @param ssoAccountId the organization whose provider the session logged in through, if it did
     */
    public ActiveAccount of(String userId, Optional<String> ssoAccountId) {
        AccountView personal = accounts.personalAccount(userId);
        Map<String, Role> roles = memberships.ofUser(userId).stream()
                .collect(Collectors.toMap(MembershipRow::accountId, MembershipRow::role));
        List<AccountView> organizations = new ArrayList<>(accounts.accounts(roles.keySet()));
        organizations.sort(Comparator.comparing((AccountView a) -> a.name().toLowerCase()).thenComparing(AccountView::id));
        String rememberedId = accounts.rememberedActiveAccountId(userId).orElse(personal.id());
        AccountView remembered = organizations.stream().filter(o -> o.id().equals(rememberedId)).findFirst()
                .orElse(personal);
        AccountView chosen = remembered == personal || mayEnter(remembered.id(), roles.get(remembered.id()), ssoAccountId)
                ? remembered : personal;
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

    /** Whether the member, in a session that logged in as {@code ssoAccountId} says, may work in the organization. */
    boolean mayEnter(String organizationId, Role role, Optional<String> ssoAccountId) {
        return role == Role.ADMIN || ssoAccountId.filter(organizationId::equals).isPresent()
                || !ssoRequirement.requiresSso(organizationId);
    }
}
