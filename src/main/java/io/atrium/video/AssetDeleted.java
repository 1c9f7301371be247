package io.atrium.video;

/** An asset was deleted, within its transaction: whatever refers to it lets go of it. */
public record AssetDeleted(String accountId, String assetId) {
}
