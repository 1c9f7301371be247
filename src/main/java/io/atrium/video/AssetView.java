package io.atrium.video;

import java.time.Instant;
import java.util.Map;

/**
 * An asset as its account sees it.
 *
 * @param thumbnailUrl a signed, expiring link to its thumbnail once made; {@code null} before that
 * @param thumbnailStatus pending, processing, ready or error; {@code null} when none was asked for
 * @param hlsUrl a signed, expiring link to its HLS playlist once made
 * @param hlsStatus pending, processing, ready or error; {@code null} when no HLS was asked for
 * @param technicalMetadata {@code null} until the file has been read
 */
public record AssetView(String id, String method, AssetStatus status, AssetType type, String filename,
        String fileType, Long size, Double duration, TechnicalMetadata technicalMetadata,
        Map<String, Object> userMetadata, String errorMessage, String thumbnailUrl, String thumbnailStatus,
        String hlsUrl, String hlsStatus, Instant createdAt, Instant updatedAt) {
}
