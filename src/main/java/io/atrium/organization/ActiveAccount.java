package io.atrium.organization;

import java.util.List;

import io.atrium.account.AccountView;

/**
 * The account a user is working in, their role there (the owner of a personal account counts as its
 * admin), and every account they can switch to, in menu order: personal first, then organizations by name.
 */
public record ActiveAccount(String userId, AccountView account, Role role, List<Choice> choices) {

    /** One line of the "Switch organization accounts" menu. */
    public record Choice(AccountView account, boolean active) {
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
