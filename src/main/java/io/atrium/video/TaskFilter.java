package io.atrium.video;

import java.time.LocalDate;
import java.util.List;

/**
 * What a list of upload tasks is narrowed to ({@code GET /v1.3/tasks}); a {@code null} field, or no statuses,
 * does not narrow it. The days are UTC days.
 */
public record TaskFilter(String indexId, List<String> statuses, String filename, Double duration, Integer width,
        Integer height, LocalDate createdOn, LocalDate updatedOn) {

    public static final TaskFilter NONE = new TaskFilter(null, List.of(), null, null, null, null, null, null);

    public TaskFilter {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
    }
}
