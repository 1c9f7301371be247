package io.atrium.video.multipart;

import java.time.Instant;

/** A multipart upload as stored. */
record UploadRow(String id, String accountId, String assetId, String objectKey, String storageUploadId, String status,
        long totalSize, long chunkSize, int totalChunks, Instant createdAt, Instant updatedAt, Instant expiresAt) {

    static final String ACTIVE = "active";
    static final String COMPLETED = "completed";
    static final String EXPIRED = "expired";

    /** Whether chunks may still be sent and reported: active and not past its expiry (the clean-up may lag behind). */
    boolean open(Instant now) {
        return status.equals(ACTIVE) && now.isBefore(expiresAt);
    }

    /** The status the API shows: an active upload past its expiry is expired already. */
    String shownStatus(Instant now) {
        return status.equals(ACTIVE) && !now.isBefore(expiresAt) ? EXPIRED : status;
    }

    /** Every chunk is {@link #chunkSize} bytes but the last, which holds the rest. */
    long expectedSize(int index) {
        return index < totalChunks ? chunkSize : totalSize - (long) (totalChunks - 1) * chunkSize;
    }
}
