package io.atrium.video;

/**
 * A task became ready, published inside the transaction that marks it so (once per task, even when a resumed
 * task finishes again), so listeners (webhooks, imports) act in that transaction.
 *
 * @param assetId the asset it indexes, for a task made by indexing an asset; else {@code null}
 */
public record TaskReady(String accountId, String taskId, String indexId, String videoId, String assetId) {
}
