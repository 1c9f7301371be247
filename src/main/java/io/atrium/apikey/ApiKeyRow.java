package io.atrium.apikey;

import java.time.Instant;

record ApiKeyRow(String id, String accountId, String keyId, String secretHash, String name, String createdByUserId,
        Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return now.isBefore(expiresAt) ? "active" : "expired";
    }

    @Override
    public String toString() {
        return "ApiKeyRow[id=" + id + ", keyId=" + keyId + "]";
    }
}
