package io.atrium.invitation;

import java.time.Instant;

import io.atrium.organization.Role;

/** An invitation as stored; its {@link #status()} is never {@link InvitationStatus#EXPIRED}, see {@link #statusAt}. */
record InvitationRow(String id, String accountId, String email, Role role, String invitedByUserId,
        InvitationStatus status, String mailId, Instant createdAt, Instant lastSentAt, Instant expiresAt) {

    /** The status as it stands at that moment, expired once a pending invitation's expiry has come. */
    InvitationStatus statusAt(Instant now) {
        return status.at(expiresAt, now);
    }
}
