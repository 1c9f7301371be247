package io.atrium.video;

/** An indexing task was queued (an upload, a {@code video_url} or an imported object), within its transaction. */
public record TaskCreated(String accountId, String taskId) {
}
