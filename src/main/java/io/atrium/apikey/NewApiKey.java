package io.atrium.apikey;

import java.time.Instant;
import java.util.List;

/**
 * What a key is created with.
 *
 * @param scopes the scopes chosen; null or empty for all the creator may grant
 * @param organizationRole {@code admin} or {@code member} for an organization key; null for a key of the creator's own
 * @param allowedAddresses CIDR blocks as typed; null or empty for anywhere
 */
public record NewApiKey(String name, Instant expiresAt, List<String> scopes, String organizationRole,
        List<String> allowedAddresses) {
}
