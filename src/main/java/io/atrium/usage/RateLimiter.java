package io.atrium.usage;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.atrium.plan.EndpointCategory;
import io.atrium.plan.PlanService;
import io.atrium.plan.PlanSettings;

/**
 * Decides whether an account may make one more request of a category: fixed one-minute and one-day windows
 * (UTC), counted for the account as a whole, whichever member or key calls.
 */
@Component
class RateLimiter {

    /**
     * What the {@code X-Ratelimit-*} headers say: the window that binds (the minute's, or the day's once less
     * of it is left).
     *
     * @param reset when that window starts again, in UTC epoch seconds
     */
    record Decision(boolean allowed, long limit, long used, long remaining, long reset, String window) {
    }

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RateLimitStore store;
    private final PlanService plans;
    private final Clock clock;
    private volatile long lastStoreFailureLog;

    RateLimiter(RateLimitStore store, PlanService plans, Clock clock) {
        this.store = store;
        this.plans = plans;
        this.clock = clock;
    }

    Decision hit(String accountId, EndpointCategory category) {
        PlanSettings.RateLimit limit = plans.rateLimit(plans.planOf(accountId), category);
        Instant now = clock.instant();
        long second = now.getEpochSecond();
        long minute = second / 60;
        long day = second / 86_400;
        long minuteReset = (minute + 1) * 60;
        long dayReset = (day + 1) * 86_400;
        RateLimitStore.Counts counts;
        try {
            counts = store.hit(new RateLimitStore.Request(minuteKey(accountId, category, minute), minuteReset,
                    dayKey(accountId, category, day), limit.perMinute(), limit.perDay()));
        } catch (RuntimeException storeDown) {
            // An unreachable store must not take the API down with it: requests pass uncounted, and it is logged.
            if (second - lastStoreFailureLog >= 60) {
                lastStoreFailureLog = second;
                log.warn("Rate limits are not counted: the store does not answer ({})", storeDown.toString());
            }
            return new Decision(true, limit.perMinute(), 0, limit.perMinute(), minuteReset, "minute");
        }
        long minuteLeft = Math.max(0, limit.perMinute() - counts.minute());
        long dayLeft = Math.max(0, limit.perDay() - counts.day());
        boolean allowed = counts.minute() <= limit.perMinute() && counts.day() <= limit.perDay();
        if (dayLeft < minuteLeft || counts.day() > limit.perDay()) {
            return new Decision(allowed, limit.perDay(), Math.min(counts.day(), limit.perDay()), dayLeft, dayReset, "day");
        }
        return new Decision(allowed, limit.perMinute(), Math.min(counts.minute(), limit.perMinute()), minuteLeft,
                minuteReset, "minute");
    }

    /** The counts of the account's current windows of a category, without counting a request. */
    RateLimitStore.Counts peek(String accountId, EndpointCategory category) {
        long second = clock.instant().getEpochSecond();
        return store.peek(minuteKey(accountId, category, second / 60), dayKey(accountId, category, second / 86_400));
    }

    private static String minuteKey(String accountId, EndpointCategory category, long minute) {
        return "atrium:rl:" + accountId + ":" + category.key() + ":m:" + minute;
    }

    private static String dayKey(String accountId, EndpointCategory category, long day) {
        return "atrium:rl:" + accountId + ":" + category.key() + ":d:" + day;
    }
}
