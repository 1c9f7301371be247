package io.atrium.organization;

/** Published inside the transaction that deletes an organization, so features holding its files can let go of them. */
public record OrganizationDeleted(String accountId) {
}
