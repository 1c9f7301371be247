package io.atrium.video.store;

import java.util.function.UnaryOperator;

import io.atrium.shared.Where;
import io.atrium.video.VideoFilter;

/** The conditions of a {@link VideoFilter}, for the lists of videos and of indexed assets alike. */
final class VideoConditions {

    private VideoConditions() {
    }

    /**
     * Adds the filter's conditions to a condition that already binds {@code :accountId} and {@code :indexId}: every
     * list that filters videos is a list of one index.
     *
     * @param column the SQL expression of a field ({@code filename}, a number of
     *     {@link VideoFilter#NUMBER_FIELDS} or a time of {@link VideoFilter#TIME_FIELDS})
     * @param videoId the SQL expression of the video's id, which its user metadata rows name
     */
    static Where add(Where where, VideoFilter filter, UnaryOperator<String> column, String videoId) {
        where.equal(column.apply("filename"), filter.filename());
        for (VideoFilter.NumberCondition condition : filter.numbers()) {
            if (Double.isNaN(condition.value())) {
                // Nothing equals or bounds NaN (as in Java); PostgreSQL would sort NaN above every number.
                where.and("1 = 0");
                continue;
            }
            // the field is one of VideoFilter.NUMBER_FIELDS (checked when the condition was made): a column name
            where.and(column.apply(condition.field()) + " " + condition.comparison().operator + " "
                    + where.bind(condition.value()));
        }
        // the fields are VideoFilter.TIME_FIELDS (checked when the filter was made): column names
        filter.since().forEach((field, time) -> where.atOrAfter(column.apply(field), time));
        filter.userMetadata().forEach((name, value) -> where.and("exists (select 1 from video_metadata m where m.video_id = "
                + videoId + " and m.account_id = :accountId and m.index_id = :indexId and " + metadataValue(where, name, value)
                + ")"));
        return where;
    }

    /**
     * The condition that the metadata row {@code m} holds the value under the name, through its {@code value_key} (which
     * {@code video_metadata_value} holds), and through {@code value_text} too when the key alone does not decide; its
     * values are bound in the given condition.
     * A value that reads as a number also finds the number however it was written (5 finds 5.0); a string value
     * "5.0" is still found by exactly its text.
     */
    static String metadataValue(Where where, String name, String value) {
        String number = UserMetadata.numberText(value).orElse(value);
        String condition = "m.name = " + where.bind(name) + " and m.value_key " + oneOf(where, MetadataKeys.of(value),
                MetadataKeys.of(number));
        return MetadataKeys.decides(value) && MetadataKeys.decides(number) ? condition
                : condition + " and m.value_text " + oneOf(where, value, number);
    }

    /** {@code = a} or {@code in (a, b)}: the planner estimates one value better than a list that names it twice. */
    private static String oneOf(Where where, String a, String b) {
        return a.equals(b) ? "= " + where.bind(a) : "in (" + where.bind(a) + ", " + where.bind(b) + ")";
    }
}
