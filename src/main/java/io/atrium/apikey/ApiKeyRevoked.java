package io.atrium.apikey;

/**
 * Published inside the transaction that revokes a key: this node drops its cached copy once it commits, and
 * webhooks record an {@code api_key.revoked} delivery in the same transaction.
 *
 * @param apiKeyId the key's {@code _id}
 * @param keyId the public part of the secret, which the verification cache is keyed by
 */
public record ApiKeyRevoked(String accountId, String apiKeyId, String keyId, String name) {
}
