package io.atrium.video;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.atrium.shared.InvalidInputException;

/**
 * What a list of upload tasks is narrowed to ({@code GET /v1.3/tasks}); a {@code null} field does not narrow it.
 * Statuses, when given, narrow it to tasks in one of them; {@code createdFrom} and {@code updatedFrom} to tasks created
 * or last changed at or after that time.
 */
public record TaskFilter(String indexId, List<TaskStatus> statuses, String filename, Double duration, Integer width,
        Integer height, Instant createdFrom, Instant updatedFrom) {

    private static final String UPLOADING = "uploading";

    public static final TaskFilter NONE = new TaskFilter(null, null, null, null, null, null, null, null);

    public TaskFilter {
        statuses = statuses == null ? null : List.copyOf(statuses);
    }

    /**
     * The statuses a {@code status} filter asks for: {@code null} (any) when none was given, otherwise those named.
     * {@code uploading} is a status of the published API that a task here never has (the upload is over before the
     * task exists), so asking for it alone leaves no task.
     *
     * @throws InvalidInputException for a value that is not a status of the API
     */
    public static List<TaskStatus> statuses(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        for (String value : values) {
            if (TaskStatus.find(value).isEmpty() && !UPLOADING.equals(value)) {
                throw new InvalidInputException("status", "parameter_invalid", "status must be one of uploading, "
                        + Arrays.stream(TaskStatus.values()).map(TaskStatus::value).collect(Collectors.joining(", ")) + ".");
            }
        }
        return values.stream().map(TaskStatus::find).flatMap(Optional::stream).distinct().toList();
    }
}
