package io.atrium.organization;

/**
 * Published inside the transaction that adds a member to an organization (an accepted invitation, a first single
 * sign-on log-in), so listeners (webhooks) act in that same transaction.
 */
public record MemberAdded(String accountId, String userId, Role role) {
}
