package io.atrium.index;

import java.time.Instant;
import java.util.List;

/**
 * Filters of the index list; {@code null} means "any".
 *
 * @param modelOptions options that must all be enabled by the index's models
 * @param createdFrom and {@code updatedFrom}: the time creation or the last change must be at or after
 */
public record IndexFilter(String name, String modelFamily, List<String> modelOptions, Instant createdFrom,
        Instant updatedFrom) {

    public static final IndexFilter NONE = new IndexFilter(null, null, null, null, null);
}
