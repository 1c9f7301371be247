package io.atrium.video.store;

import java.time.Instant;

import io.atrium.video.AssetStatus;
import io.atrium.video.AssetType;

/**
 * An asset as stored.
 *
 * @param type what FFmpeg found; before that, what a multipart upload declared, or {@code null}
 * @param technicalMetadata JSON of {@link io.atrium.video.TechnicalMetadata}, once read
 * @param thumbnailStatus pending, processing, ready or error; {@code null} when none was asked for
 */
public record AssetRow(String id, String accountId, String method, AssetStatus status, AssetType type,
        String filename, String fileType, String objectKey, String sourceUrl, Long size, Double duration,
        String technicalMetadata, boolean enableHls, boolean enableThumbnail, String thumbnailStatus,
        String userMetadata, String errorMessage, Instant createdAt, Instant updatedAt) {
}
