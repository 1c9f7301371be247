package io.atrium.video.store;

import java.time.Instant;

public record VideoRow(String id, String accountId, String indexId, String filename, double duration, Double fps,
        Integer width, Integer height, long size, String userMetadata, String objectKey, boolean enableVideoStream,
        Instant createdAt,
        Instant updatedAt, Instant indexedAt, String container, String assetId) {
}
