package io.atrium.video;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A video with its system metadata (read from the file) and its user metadata.
 *
 * @param videoUrl a signed, expiring link that streams the stored file (MP4 or whatever was uploaded) with range
 *     requests; {@code null} when the upload asked for no streaming
 * @param thumbnailUrls signed, expiring links to its thumbnails (made when its index has the thumbnail addon)
 * @param hls where its HLS rendition stands; {@code null} when the upload asked for no streaming
 * @param hlsUrl a signed, expiring link to the HLS playlist, once the rendition is ready
 * @param assetId the asset it was indexed from; {@code null} for a video uploaded as a task
 */
public record VideoView(String id, String indexId, String filename, double duration, Double fps, Integer width,
        Integer height, long size, Map<String, Object> userMetadata, Instant createdAt, Instant updatedAt,
        Instant indexedAt, String videoUrl, List<String> thumbnailUrls, HlsState hls, String hlsUrl, String assetId) {
}
