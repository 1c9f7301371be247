package io.atrium.video;

/** One or more of the account's videos were deleted (one video, or an index with its videos). */
public record VideosRemoved(String accountId) {
}
