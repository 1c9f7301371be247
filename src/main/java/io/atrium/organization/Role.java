package io.atrium.organization;

import java.util.Locale;

import io.atrium.shared.InvalidInputException;

/** A member's role in an organization, with the words the UI uses for it. */
public enum Role {
    ADMIN("Administrator"), MEMBER("Regular user");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The value stored and sent over the API: {@code admin} or {@code member}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException naming {@code field} for anything but {@code admin} or {@code member} */
    public static Role parse(String field, String value) {
        if ("admin".equals(value)) {
            return ADMIN;
        }
        if ("member".equals(value)) {
            return MEMBER;
        }
        throw new InvalidInputException(field, "parameter_invalid", "Choose a role: admin or member.");
    }
}
