package io.atrium.account;

import java.util.Locale;

/** Whose resources an account holds: one user's, or an organization's members'. */
public enum AccountKind {
    PERSONAL, ORGANIZATION;

    /** The value stored in the database and shown in the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AccountKind of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
