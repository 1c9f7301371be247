package io.atrium.invitation;

import io.atrium.organization.Role;

/** Published inside the transaction that accepts an invitation, so listeners (webhooks) act in that transaction. */
public record InvitationAccepted(String accountId, String invitationId, String userId, String email, Role role) {
}
