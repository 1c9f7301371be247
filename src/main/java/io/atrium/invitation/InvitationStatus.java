package io.atrium.invitation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an invitation stands (R-INV); {@link #value()} is what the API shows and, for all but {@link #EXPIRED}, what
 * the database stores. Expired is never stored: a pending invitation past its expiry is expired (see {@link #at}).
 */
enum InvitationStatus {

    PENDING("pending"),
    ACCEPTED("accepted"),
    REVOKED("revoked"),
    EXPIRED("expired");

    private final String value;

    InvitationStatus(String value) {
        this.value = value;
    }

    @JsonValue
    String value() {
        return value;
    }

    /** Only a pending invitation's link can still be accepted, resent or revoked. */
    boolean isUsable() {
        return this == PENDING;
    }

    /** The status as it stands at that moment: a pending invitation that expires by then is expired. */
    InvitationStatus at(Instant expiresAt, Instant now) {
        return this == PENDING && !now.isBefore(expiresAt) ? EXPIRED : this;
    }

    /** @throws IllegalArgumentException for a value no status has */
    static InvitationStatus of(String value) {
        for (InvitationStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown invitation status " + value);
    }
}
