package io.atrium.index;

import java.time.LocalDate;
import java.util.List;

/**
 * Filters of the index list; {@code null} means "any".
 *
 * @param modelOptions options that must all be enabled by the index's models
 * @param createdOn and {@code updatedOn}: the UTC day of creation or last change
 */
public record IndexFilter(String name, String modelFamily, List<String> modelOptions, LocalDate createdOn,
        LocalDate updatedOn) {

    public static final IndexFilter NONE = new IndexFilter(null, null, null, null, null);
}
