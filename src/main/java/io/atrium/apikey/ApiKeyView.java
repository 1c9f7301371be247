package io.atrium.apikey;

import java.time.Instant;

/**
 * An API key as lists show it: never its secret.
 *
 * @param status {@code active}, {@code expired} or {@code revoked}
 */
public record ApiKeyView(String id, String name, String prefix, String createdByUserId, String createdByName,
        String createdByEmail, Instant createdAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
        String status) {

    public boolean active() {
        return "active".equals(status);
    }
}
