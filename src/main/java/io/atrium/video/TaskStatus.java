package io.atrium.video;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an upload task stands (api.md, Tasks), in the order a task goes through them; {@link #value()} is what the
 * API shows and the database stores.
 */
public enum TaskStatus {

    VALIDATING("validating"),
    PENDING("pending"),
    QUEUED("queued"),
    INDEXING("indexing"),
    READY("ready"),
    FAILED("failed");

    private final String value;

    TaskStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** A ready or failed task is done with; nothing moves it on. */
    public boolean isFinished() {
        return this == READY || this == FAILED;
    }

    public boolean isReady() {
        return this == READY;
    }

    public boolean isFailed() {
        return this == FAILED;
    }

    /** The badge pages show the status in: red once failed, green once ready, amber while under way. */
    public String badge() {
        return switch (this) {
            case FAILED -> "badge-danger";
            case READY -> "badge-success";
            case VALIDATING, PENDING, QUEUED, INDEXING -> "badge-warning";
        };
    }

    /**
     * The step after this one when all goes well; failing is not a step, any unfinished task may fail.
     *
     * @throws IllegalStateException for a finished status
     */
    public TaskStatus next() {
        return switch (this) {
            case VALIDATING -> PENDING;
            case PENDING -> QUEUED;
            case QUEUED -> INDEXING;
            case INDEXING -> READY;
            case READY, FAILED -> throw new IllegalStateException("A " + value + " task has no next status");
        };
    }

    /** @throws IllegalArgumentException for a value no status has */
    public static TaskStatus of(String value) {
        return find(value).orElseThrow(() -> new IllegalArgumentException("Unknown task status " + value));
    }

    /** The status with that value, if one has it. */
    public static Optional<TaskStatus> find(String value) {
        for (TaskStatus status : values()) {
            if (status.value.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
