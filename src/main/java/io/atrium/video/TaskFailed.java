package io.atrium.video;

/**
 * A task failed, published inside the transaction that marks it so, so listeners (webhooks, imports) act in that
 * transaction.
 *
 * @param assetId the asset it indexes, for a task made by indexing an asset; else {@code null}
 */
public record TaskFailed(String accountId, String taskId, String indexId, String videoId, String assetId,
        String errorCode, String errorMessage) {
}
