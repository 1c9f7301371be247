package io.atrium.organization;

import java.util.List;

import io.atrium.account.AccountView;

/**
 * The account a user is working in, their role there (the owner of a personal account counts as its
 * admin), and every account they can switch to, in menu order: personal first, then organizations by name.
 *
 * @param twoFactorRequiredBy the organization the user chose but may not work in until they set up two-factor
 *        authentication (they work in their personal account meanwhile); {@code null} when there is none
 */
public record ActiveAccount(String userId, AccountView account, Role role, List<Choice> choices,
        AccountView twoFactorRequiredBy) {

    /**
     * One line of the "Switch organization accounts" menu.
     *
     * @param needsTwoFactor the organization requires two-factor authentication, which the user has not set up
     */
    public record Choice(AccountView account, boolean active, boolean needsTwoFactor) {
    }

    public String id() {
        return account.id();
    }

    public boolean personal() {
        return account.personal();
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }
}
