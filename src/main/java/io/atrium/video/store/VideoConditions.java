package io.atrium.video.store;

import java.util.function.UnaryOperator;

import io.atrium.shared.Where;
import io.atrium.video.VideoFilter;

/** The conditions of a {@link VideoFilter}, for the lists of videos and of indexed assets alike. */
final class VideoConditions {

    private VideoConditions() {
    }

    /**
     * Adds the filter's conditions to a condition that already binds {@code :accountId}.
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
        // A value that reads as a number also finds the number however it was written (5 finds 5.0); a string value
        // "5.0" is still found by exactly its text.
        filter.userMetadata().forEach((name, value) -> where.and(
                "exists (select 1 from video_metadata m where m.video_id = " + videoId + " and m.account_id = :accountId"
                        + " and m.name = " + where.bind(name) + " and m.value_text in (" + where.bind(value) + ", "
                        + where.bind(UserMetadata.numberText(value).orElse(value)) + "))"));
        return where;
    }
}
