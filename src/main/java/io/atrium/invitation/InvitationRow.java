package io.atrium.invitation;

import java.time.Instant;

import io.atrium.organization.Role;

record InvitationRow(String id, String accountId, String email, Role role, String invitedByUserId, String status,
        String mailId, Instant createdAt, Instant lastSentAt, Instant expiresAt) {

    boolean pending() {
        return "pending".equals(status);
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
