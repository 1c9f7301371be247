package io.atrium.organization;

/**
 * Published inside the transaction that removes a member or lets one leave, so listeners (API keys, R-ORG-5)
 * act in that same transaction.
 */
public record MembershipEnded(String accountId, String userId) {
}
