package io.atrium.index;

import java.time.LocalDate;

/**
 * Filters of the index list; {@code null} means "any".
 *
 * @param createdOn and {@code updatedOn}: the UTC day of creation or last change
 */
public record IndexFilter(String name, String modelFamily, String modelOption, LocalDate createdOn, LocalDate updatedOn) {

    public static final IndexFilter NONE = new IndexFilter(null, null, null, null, null);
}
