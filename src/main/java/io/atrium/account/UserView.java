package io.atrium.account;

import java.time.Instant;

import io.atrium.shared.DisplayNames;

/** A user as other features and pages see them; never carries the password hash. */
public record UserView(String id, String email, String name, Instant createdAt) {

    public String initials() {
        return DisplayNames.initials(name);
    }
}
