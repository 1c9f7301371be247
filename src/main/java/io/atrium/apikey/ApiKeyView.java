package io.atrium.apikey;

import java.time.Instant;
import java.util.List;

/**
 * An API key as lists show it: never its secret.
 *
 * @param status {@code active}, {@code expired} or {@code revoked}
 * @param owner {@code member} (acts with its creator's role) or {@code organization} (a service key)
 * @param role the role an organization key acts with ({@code admin} or {@code member}); null for a member's key
 * @param scopes what the key may call, such as {@code resources:read}
 * @param allowedAddresses CIDR blocks the key is accepted from; empty for anywhere
 * @param oldSecretValidUntil while a rotation's grace period lasts, when the replaced secret stops working
 * @param expiresInDays for an active key expiring within 7 days, the days left (rounded up); null otherwise
 */
public record ApiKeyView(String id, String name, String prefix, String createdByUserId, String createdByName,
        String createdByEmail, Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
        String status, String owner, String role, List<String> scopes, List<String> allowedAddresses,
        Instant rotatedAt, Instant oldSecretValidUntil, Integer expiresInDays) {

    public boolean active() {
        return "active".equals(status);
    }

    public boolean organizationKey() {
        return "organization".equals(owner);
    }
}
