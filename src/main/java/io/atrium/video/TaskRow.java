package io.atrium.video;

import java.time.Instant;

record TaskRow(String id, String accountId, String indexId, String videoId, TaskStatus status, String errorCode,
        String errorMessage, String filename, String objectKey, long size, Double duration, Double fps,
        Integer width, Integer height, boolean enableVideoStream, String userMetadata, Instant createdAt,
        Instant updatedAt, String sourceUrl, String container) {
}
