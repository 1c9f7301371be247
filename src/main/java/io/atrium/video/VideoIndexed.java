package io.atrium.video;

/** A task became a video of its index: counted once, even when a resumed task finishes again. */
public record VideoIndexed(String accountId, String videoId, double durationSeconds, long size) {
}
