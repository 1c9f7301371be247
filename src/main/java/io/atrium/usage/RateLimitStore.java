package io.atrium.usage;

/** Counts requests in fixed windows, shared by every node that uses the same store. */
interface RateLimitStore {

    /** The counts after a request: of its minute window and of its day window. */
    record Counts(long minute, long day) {
    }

    /**
     * Counts a request in its minute window and, unless that is over {@code perMinute} (a refused request then
     * does not use up the day), in its day window.
     */
    Counts hit(String minuteKey, long minuteTtlSeconds, String dayKey, long dayTtlSeconds, long perMinute);

    /** The counts of the two windows as they stand, without counting a request (0 for a window with none). */
    Counts peek(String minuteKey, String dayKey);
}
