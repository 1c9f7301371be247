/**
 * Invitations to organizations: inviting by email with a role, the invitation email with its single-use
 * link, accepting it (signing up, logging in, or one click), resending and revoking. Rules R-INV-1…8.
 */
@ApplicationModule(allowedDependencies = {"account", "api", "audit", "mail", "organization", "shared"})
package io.atrium.invitation;

import org.springframework.modulith.ApplicationModule;
