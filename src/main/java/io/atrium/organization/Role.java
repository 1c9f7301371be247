package io.atrium.organization;

import java.util.Locale;

import io.atrium.shared.InvalidInputException;

/**
 * A member's role in an organization, with the words the UI uses for it and what the role may do (the TwelveLabs
 * user roles), which the Invite form and Members show next to the choice.
 */
public enum Role {
    ADMIN("Administrator", "Everything a regular user can do, and manage the organization: invite and remove members, "
            + "change roles, change the plan, see usage and the audit log, rename or delete the organization."),
    MEMBER("Regular user", "Create, manage and use the organization's indexes, videos and S3 integrations, and "
            + "create their own API keys for it. Can leave the organization.");

    private final String label;
    private final String description;

    Role(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    /** What a member with this role may do, in a sentence. */
    public String description() {
        return description;
    }

    /** The label with its article, for sentences: "an Administrator", "a Regular user". */
    public String withArticle() {
        return (this == ADMIN ? "an " : "a ") + label;
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
