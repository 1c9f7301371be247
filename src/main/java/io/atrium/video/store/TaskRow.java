package io.atrium.video.store;

import java.time.Instant;

import io.atrium.video.TaskStatus;

public record TaskRow(String id, String accountId, String indexId, String videoId, TaskStatus status, String errorCode,
        String errorMessage, String filename, String objectKey, long size, Double duration, Double fps,
        Integer width, Integer height, boolean enableVideoStream, String userMetadata, Instant createdAt,
        Instant updatedAt, String sourceUrl, String container, String assetId) {
}
