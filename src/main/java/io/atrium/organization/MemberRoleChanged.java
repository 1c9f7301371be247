package io.atrium.organization;

/**
 * Published inside the transaction that changes a member's role, so that what caches the member's rights (the API
 * keys they created act with their current role) can drop them once it commits.
 */
public record MemberRoleChanged(String accountId, String userId) {
}
