package io.atrium.video;

/** An asset's file was read and the asset is ready: what the account stores has grown. */
public record AssetReady(String accountId, String assetId) {
}
