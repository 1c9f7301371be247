package io.atrium.invitation;

import java.time.Instant;

import io.atrium.mail.MailState;
import io.atrium.organization.Role;

/** A pending or expired invitation as admins see it, with the delivery state of its latest email. */
public record InvitationView(String id, String email, Role role, String invitedBy, Instant createdAt,
        Instant lastSentAt, Instant expiresAt, boolean expired, MailState delivery) {
}
