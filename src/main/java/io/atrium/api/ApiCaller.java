package io.atrium.api;

/**
 * Who is calling the API: the key's account, the user who created the key, and whether that user is an
 * admin of the account now (R-KEY: a key acts with its creator's current rights).
 */
public record ApiCaller(String accountId, String userId, boolean admin, String keyRowId, String keyId) {
}
