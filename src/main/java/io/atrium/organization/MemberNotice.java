package io.atrium.organization;

import java.time.Instant;

/**
 * What someone else did to the user's place in an organization, told once on their next page (and by email).
 *
 * @param role the new role, for {@link Kind#ROLE_CHANGED}; {@code null} otherwise
 */
public record MemberNotice(String id, Kind kind, String organizationId, String organizationName, Role role,
        Instant createdAt) {

    public enum Kind {
        REMOVED("removed"), DELETED("deleted"), ROLE_CHANGED("role_changed");

        private final String value;

        Kind(String value) {
            this.value = value;
        }

        String value() {
            return value;
        }

        static Kind of(String value) {
            for (Kind kind : values()) {
                if (kind.value.equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(value);
        }
    }

    /** The notice in words, as the page and the email's first line say it. */
    public String sentence() {
        return switch (kind) {
            case REMOVED -> "An administrator removed you from " + organizationName
                    + ". You are working in your personal account; the API keys you created for it were revoked.";
            case DELETED -> "An administrator deleted the organization " + organizationName
                    + ", with its indexes, videos and API keys. You are working in your personal account.";
            case ROLE_CHANGED -> "You are now " + role.withArticle() + " of " + organizationName + ". "
                    + role.description();
        };
    }
}
