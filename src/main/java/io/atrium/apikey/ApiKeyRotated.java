package io.atrium.apikey;

/** Published inside the transaction that rotates a key's secret, so this node rereads the key once it commits. */
record ApiKeyRotated(String keyId) {
}
