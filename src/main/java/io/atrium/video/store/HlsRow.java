package io.atrium.video.store;

import java.time.Instant;

import io.atrium.video.HlsState;

/** A row of {@code hls_renditions}: one stored media object's HLS rendition. */
public record HlsRow(String accountId, String mediaId, String objectKey, HlsState.Status status, Integer segments,
        String error, Instant createdAt, Instant updatedAt) {

    public HlsState state() {
        return new HlsState(status, updatedAt, error);
    }
}
