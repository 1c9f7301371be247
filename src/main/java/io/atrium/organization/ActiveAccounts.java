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
 * falls back to the personal account at once (R-ORG-5).
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
        String remembered = accounts.rememberedActiveAccountId(userId).orElse(personal.id());
        AccountView active = organizations.stream().filter(o -> o.id().equals(remembered))
                .filter(o -> mayEnter(o.id(), roles.get(o.id()), ssoAccountId)).findFirst().orElse(personal);

        List<ActiveAccount.Choice> choices = new ArrayList<>();
        choices.add(new ActiveAccount.Choice(personal, active == personal));
        organizations.forEach(o -> choices.add(new ActiveAccount.Choice(o, o == active)));
        Role role = active == personal ? Role.ADMIN : roles.get(active.id());
        return new ActiveAccount(userId, active, role, List.copyOf(choices));
    }

    /** Whether the member, in a session that logged in as {@code ssoAccountId} says, may work in the organization. */
    boolean mayEnter(String organizationId, Role role, Optional<String> ssoAccountId) {
        return role == Role.ADMIN || ssoAccountId.filter(organizationId::equals).isPresent()
                || !ssoRequirement.requiresSso(organizationId);
    }
}
