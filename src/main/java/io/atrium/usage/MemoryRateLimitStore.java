package io.atrium.usage;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The single-node store: counters in memory, each dropped once its window has passed. */
class MemoryRateLimitStore implements RateLimitStore {

    private record Counter(AtomicLong count, long expiresAtSecond) {
    }

    private static final int SWEEP_EVERY = 10_000;

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final Clock clock;

    MemoryRateLimitStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Counts hit(Request request) {
        long now = clock.instant().getEpochSecond();
        if (hits.incrementAndGet() % SWEEP_EVERY == 0) {
            counters.entrySet().removeIf(entry -> entry.getValue().expiresAtSecond() < now);
        }
        long minute = counter(request.minuteKey(), now + MINUTE_TTL_SECONDS).count().incrementAndGet();
        Counter day = counter(request.dayKey(), now + DAY_TTL_SECONDS);
        return new Counts(minute, minute > request.perMinute() ? day.count().get() : day.count().incrementAndGet());
    }

    @Override
    public Counts peek(String minuteKey, String dayKey) {
        long now = clock.instant().getEpochSecond();
        return new Counts(current(minuteKey, now), current(dayKey, now));
    }

    private long current(String key, long now) {
        Counter counter = counters.get(key);
        return counter == null || counter.expiresAtSecond() < now ? 0 : counter.count().get();
    }

    private Counter counter(String key, long expiresAtSecond) {
        return counters.computeIfAbsent(key, ignored -> new Counter(new AtomicLong(), expiresAtSecond));
    }
}
