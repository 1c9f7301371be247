package io.atrium.apikey;

import java.time.Instant;

/**
 * Published inside the transaction that records an expiry reminder of a key (7 days, then 1 day, before it
 * expires), once per reminder.
 *
 * @param apiKeyId the key's {@code _id}
 */
public record ApiKeyExpiring(String accountId, String apiKeyId, String name, Instant expiresAt, int daysLeft) {
}
