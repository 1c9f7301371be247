package io.atrium.video;

import java.time.Instant;
import java.util.Map;

/** A video with its system metadata (read from the file) and its user metadata. */
public record VideoView(String id, String indexId, String filename, double duration, Double fps, Integer width,
        Integer height, long size, Map<String, Object> userMetadata, Instant createdAt, Instant updatedAt,
        Instant indexedAt) {
}
