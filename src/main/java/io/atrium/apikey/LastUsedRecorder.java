package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * "Last used" without a write per request (R-KEY-7): uses are noted in memory and written in one batch
 * every few seconds, and a key's time is written at most once a minute by each node.
 */
@Component
class LastUsedRecorder {

    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final Clock clock;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    LastUsedRecorder(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    void used(String keyRowId) {
        Instant now = clock.instant();
        Instant last = written.get(keyRowId);
        if (last == null || !now.isBefore(last.plus(MIN_INTERVAL))) {
            pending.merge(keyRowId, now, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Also when the node shuts down, while the database is still there (beans that use it go first). */
    @PreDestroy
    @Scheduled(fixedDelayString = "${atrium.api-keys.last-used-flush-interval:10s}")
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Instant at = pending.remove(id);
            Instant last = written.get(id);
            if (at != null && (last == null || !at.isBefore(last.plus(MIN_INTERVAL)))) {
                batch.put(id, at);
            }
        }
        if (!batch.isEmpty()) {
            keys.updateLastUsed(batch);
            written.putAll(batch);
        }
    }
}
