package io.atrium.video;

import java.time.Instant;

/**
 * A video as a list shows it: its system metadata, without user metadata or signed links.
 *
 * @param assetId the asset it was indexed from; {@code null} for a video uploaded as a task
 */
public record VideoSummary(String id, String filename, double duration, Double fps, Integer width, Integer height,
        long size, Instant createdAt, Instant updatedAt, Instant indexedAt, String assetId) {
}
