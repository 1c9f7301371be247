package io.atrium.video;

import java.time.Instant;
import java.util.Map;

/**
 * An asset indexed into an index, or on its way there: the video it becomes, known by its id from the start.
 *
 * @param status ready, pending, queued, indexing or failed
 * @param video the video with its playable links, once ready; {@code null} before
 */
public record IndexedAssetView(String id, String indexId, String assetId, String status, String errorMessage,
        String filename, Double duration, Double fps, Integer width, Integer height, long size,
        Map<String, Object> userMetadata, Instant createdAt, Instant updatedAt, Instant indexedAt, VideoView video) {

    /**
     * Where one asset is indexed: the indexed asset, its index, and how far its indexing is.
     *
     * @param status ready, pending, queued, indexing (a failed indexing is not a placement)
     */
    public record Placement(String id, String indexId, String indexName, String status, Instant createdAt) {
    }
}
