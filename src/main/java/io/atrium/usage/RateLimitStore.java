package io.atrium.usage;

/** Counts requests in fixed windows, shared by every node that uses the same store. */
interface RateLimitStore {

    /** How long a window's counter is kept: a minute's past its minute, a day's past its day. */
    long MINUTE_TTL_SECONDS = 120;
    long DAY_TTL_SECONDS = 2 * 86_400;

    /** The counts after a request: of its minute window and of its day window. */
    record Counts(long minute, long day) {
    }

    /**
     * One request of an account in a category: the keys of its minute and day windows, when the minute ends (UTC
     * epoch seconds), and the limits of the account's plan for them.
     */
    record Request(String minuteKey, long minuteEnd, String dayKey, long perMinute, long perDay) {
    }

    /**
     * Counts a request in its minute window and, unless that is over the minute's limit (a refused request then
     * does not use up the day), in its day window.
     */
    Counts hit(Request request);

    /** The counts of the two windows as they stand, without counting a request (0 for a window with none). */
    Counts peek(String minuteKey, String dayKey);
}
