package io.atrium.video.multipart;

import java.time.Instant;

/** A reported chunk: completed (its proof matched what storage holds) or failed, saying why. */
record ChunkRow(int index, String status, long size, String eTag, String errorMessage, Instant uploadedAt,
        Instant updatedAt) {

    static final String COMPLETED = "completed";
    static final String FAILED = "failed";
}
