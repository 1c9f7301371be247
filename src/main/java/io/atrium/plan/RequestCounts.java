package io.atrium.plan;

import java.util.Map;

/**
 * How many API requests of each category an account has made in the current rate-limit windows, for Settings >
 * Billing & Plan. The rate limiter ({@code usage}), which counts them, implements it, so this feature shows them
 * without depending on it.
 */
public interface RequestCounts {

    /** The counts of the current UTC minute and UTC day. */
    record Counted(long thisMinute, long today) {
    }

    /** Every category's counts, by its {@link EndpointCategory#key()}, without counting a request. */
    Map<String, Counted> now(String accountId);
}
