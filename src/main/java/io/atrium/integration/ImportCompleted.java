package io.atrium.integration;

/**
 * Published inside the transaction that ends an import run, once every task it queued has finished (ready or
 * failed), or at once when it queued none, so listeners (webhooks) act in that transaction.
 */
public record ImportCompleted(String accountId, String importId, String integrationId, String indexId) {
}
