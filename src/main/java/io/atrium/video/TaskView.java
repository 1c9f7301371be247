package io.atrium.video;

import java.time.Instant;

import io.atrium.video.store.TaskRow;

/** An upload task as the API shows it. */
public record TaskView(String id, String videoId, String indexId, TaskStatus status, String errorCode, String errorMessage,
        String filename, Double duration, Integer width, Integer height, Instant createdAt, Instant updatedAt) {

    static TaskView of(TaskRow row) {
        return new TaskView(row.id(), row.videoId(), row.indexId(), row.status(), row.errorCode(), row.errorMessage(),
                row.filename(), row.duration(), row.width(), row.height(), row.createdAt(), row.updatedAt());
    }
}
