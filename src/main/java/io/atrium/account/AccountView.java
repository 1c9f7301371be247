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

    /** How many avatar colours atrium.css defines ({@code .avatar-c0} … {@code .avatar-c11}). */
    static final int AVATAR_COLOURS = 12;

    /**
     * The CSS classes of this account's avatar: square for an organization, round for a person, and a colour
     * of its own. Initials alone do not tell "Bob Builder" from "Bob's Builders" (both BB); the shape says which
     * kind of account it is and the colour, derived from the id (so it never changes, on any node, after a
     * rename), tells accounts of one kind apart.
     */
    public String avatarClass() {
        return (personal() ? "avatar-personal" : "avatar-organization")
                + " avatar-c" + Math.floorMod(id.hashCode(), AVATAR_COLOURS);
    }
}
