package io.atrium.video;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which videos of an index to list (api.md, Videos); a video must meet every condition.
 *
 * @param filename the exact file name, or {@code null} for any
 * @param numbers conditions on system metadata numbers
 * @param userMetadata user metadata keys whose value, as text, must be exactly the one given
 * @param since {@code created_at} and {@code updated_at}: the time each must be at or after
 */
public record VideoFilter(String filename, List<NumberCondition> numbers, Map<String, String> userMetadata,
        Map<String, Instant> since) {

    /** The times a list can be filtered on ("at or after"): each is also the name of its column. */
    public static final Set<String> TIME_FIELDS = Set.of("created_at", "updated_at");

    /** Every video of the index (declared after the sets its constructor checks against). */
    public static final VideoFilter NONE = new VideoFilter(null, List.of(), Map.of(), Map.of());

    /** The system metadata numbers a list can be filtered on: each is also the name of its column. */
    public static final Set<String> NUMBER_FIELDS = Set.of("duration", "fps", "width", "height", "size");

    public enum Comparison {
        EQUAL("="), AT_LEAST(">="), AT_MOST("<=");

        public final String operator;

        Comparison(String operator) {
            this.operator = operator;
        }
    }

    /** A video without the number (fps, width and height may be unknown) never meets the condition. */
    public record NumberCondition(String field, Comparison comparison, double value) {

        public NumberCondition {
            if (!NUMBER_FIELDS.contains(field)) {
                throw new IllegalArgumentException("Not a filterable number: " + field);
            }
        }
    }

    public VideoFilter {
        numbers = List.copyOf(numbers);
        userMetadata = Map.copyOf(userMetadata);
        since = Map.copyOf(since);
        if (!TIME_FIELDS.containsAll(since.keySet())) {
            throw new IllegalArgumentException("Not a filterable time: " + since.keySet());
        }
    }
}
