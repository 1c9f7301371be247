package io.atrium.video;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a list of upload tasks is narrowed to ({@code GET /v1.3/tasks}); a {@code null} field does not narrow it.
 * Statuses, when given, narrow it to tasks in one of them, so an empty list of statuses matches no task. The days are
 * UTC days.
 */
public record TaskFilter(String indexId, List<TaskStatus> statuses, String filename, Double duration, Integer width,
        Integer height, LocalDate createdOn, LocalDate updatedOn) {

    public static final TaskFilter NONE = new TaskFilter(null, null, null, null, null, null, null, null);

    public TaskFilter {
        statuses = statuses == null ? null : List.copyOf(statuses);
    }

    /**
     * The statuses a {@code status} filter asks for: {@code null} (any) when none was given, otherwise the known ones
     * among them; a value no status has matches no task, so asking only for such values leaves none.
     */
    public static List<TaskStatus> statuses(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.stream().map(TaskStatus::find).flatMap(Optional::stream).distinct().toList();
    }
}
