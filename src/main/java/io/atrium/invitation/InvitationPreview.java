package io.atrium.invitation;

import io.atrium.organization.Role;

/** What the person who opened an invitation link sees before accepting it. */
public record InvitationPreview(String organizationName, String organizationInitials, String email, Role role,
        String invitedBy) {
}
