package io.atrium.apikey;

/** Published inside the transaction that revokes a key, so this node's cached copy is dropped once it commits. */
record ApiKeyRevoked(String keyId) {
}
