package io.atrium.account;

import java.time.Instant;

import io.atrium.shared.DisplayNames;

/**
 * A user as other features and pages see them; never carries the password hash.
 *
 * @param emailConfirmed whether the user proved they hold the address (a link sent to it, an invitation to it)
 */
public record UserView(String id, String email, String name, Instant createdAt, boolean emailConfirmed) {

    public String initials() {
        return DisplayNames.initials(name);
    }
}
