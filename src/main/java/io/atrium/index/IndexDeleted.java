package io.atrium.index;

/** Published inside the transaction that deletes an index, so features holding its files can let go of them. */
public record IndexDeleted(String accountId, String indexId) {
}
