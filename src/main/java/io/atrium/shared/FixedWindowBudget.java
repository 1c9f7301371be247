package io.atrium.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A budget of events per key (a client address, for instance) in fixed windows, counted in this node's memory:
 * the first event opens a window, and once the key has used the budget it waits until that window ends. Bounded,
 * so a flood of keys cannot exhaust memory (what it drops is the oldest entries); entries outlive their window,
 * so the clock (which tests move) alone decides when a window ends.
 */
public final class FixedWindowBudget {

    private static final int CAPACITY = 100_000;

    private record Window(Instant start, int used) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> byKey;

    public FixedWindowBudget(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.byKey = Caffeine.newBuilder().maximumSize(CAPACITY).expireAfterWrite(window.multipliedBy(2)).build();
    }

    /** Counts one event of the key; a {@code null} key counts nothing. */
    public void record(String key) {
        if (key == null) {
            return;
        }
        Instant now = clock.instant();
        byKey.asMap().compute(key, (k, current) -> current == null || over(current, now)
                ? new Window(now, 1) : new Window(current.start(), current.used() + 1));
    }

    /** How long the key must wait before its next event is allowed; zero while it has budget left. */
    public Duration waitFor(String key) {
        Window current = key == null ? null : byKey.getIfPresent(key);
        Instant now = clock.instant();
        if (current == null || over(current, now) || current.used() < limit) {
            return Duration.ZERO;
        }
        return Duration.between(now, current.start().plus(window));
    }

    /** A wait in whole seconds, rounded up and at least one, as {@code Retry-After} and messages give it. */
    public static long secondsRoundedUp(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private boolean over(Window current, Instant now) {
        return !now.isBefore(current.start().plus(window));
    }
}
