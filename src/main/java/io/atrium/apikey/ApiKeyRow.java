package io.atrium.apikey;

import java.time.Instant;
import java.util.Set;

import io.atrium.organization.Role;

/**
 * A row of {@code api_keys}.
 *
 * @param roleOfKey the role an organization key acts with; null for a member's key, which acts with its creator's
 * @param previousSecretHash the secret a rotation replaced, accepted until {@code previousSecretValidUntil}
 */
record ApiKeyRow(String id, String accountId, String keyId, String secretHash, String name, String createdByUserId,
        Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt, Set<ApiKeyScope> scopes,
        Role roleOfKey, AddressAllowList allowedAddresses, String previousSecretHash, Instant previousSecretValidUntil,
        Instant rotatedAt) {

    String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return now.isBefore(expiresAt) ? "active" : "expired";
    }

    /** A service key of the organization (issue 17): it survives its creator and acts with its own role. */
    boolean organizationKey() {
        return roleOfKey != null;
    }

    String owner() {
        return organizationKey() ? "organization" : "member";
    }

    /** The replaced secret still works until then; null when there is none, or its grace period is over. */
    Instant oldSecretValidUntil(Instant now) {
        return previousSecretValidUntil != null && now.isBefore(previousSecretValidUntil) ? previousSecretValidUntil : null;
    }

    @Override
    public String toString() {
        return "ApiKeyRow[id=" + id + ", keyId=" + keyId + "]";
    }
}
