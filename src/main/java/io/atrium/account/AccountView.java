package io.atrium.account;

import java.time.Instant;

import io.atrium.shared.DisplayNames;

/**
 * An account (personal or organization) as other features and pages see it.
 *
 * @param twoFactorRequired whether the organization lets only members with two-factor authentication work in it
 */
public record AccountView(String id, AccountKind kind, String name, String plan, Instant createdAt,
        boolean twoFactorRequired) {

    public String initials() {
        return DisplayNames.initials(name);
    }

    public boolean personal() {
        return kind == AccountKind.PERSONAL;
    }
}
