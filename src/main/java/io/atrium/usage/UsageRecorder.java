package io.atrium.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import io.atrium.index.IndexDeleted;
import io.atrium.video.TaskCreated;
import io.atrium.video.AssetDeleted;
import io.atrium.video.AssetReady;
import io.atrium.video.VideoIndexed;
import io.atrium.video.VideoService;
import io.atrium.video.VideosRemoved;

/**
 * Collects usage in memory on each node (no write per request) and adds it to the day's row every
 * {@code atrium.usage.flush-interval}, and once more when the node shuts down. A node that dies without shutting
 * down loses at most that interval of counts.
 */
@Component
class UsageRecorder {

    private record Key(String accountId, LocalDate day) {
    }

    /** A caller's requests: the key and the member who created it. */
    private record CallerKey(String accountId, LocalDate day, String userId, String apiKeyId) {
    }

    /** Taken with {@code getAndSet(0)}, so an increment is written by exactly one flush. */
    private static final class Counts {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong tasks = new AtomicLong();
        final AtomicLong milliseconds = new AtomicLong();
    }

    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final ConcurrentHashMap<Key, Counts> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CallerKey, AtomicLong> pendingByCaller = new ConcurrentHashMap<>();
    private final Set<String> storageChanged = ConcurrentHashMap.newKeySet();
    private final UsageRepository usage;
    private final VideoService videos;
    private final Clock clock;

    UsageRecorder(UsageRepository usage, VideoService videos, Clock clock) {
        this.usage = usage;
        this.videos = videos;
        this.clock = clock;
    }

    /** An API call made with a key: counted for the account, and for the key and the member who created it. */
    void countRequest(String accountId, String userId, String apiKeyId) {
        counts(accountId).requests.incrementAndGet();
        pendingByCaller.computeIfAbsent(new CallerKey(accountId, today(), userId, apiKeyId), key -> new AtomicLong())
                .incrementAndGet();
    }

    @EventListener
    void taskCreated(TaskCreated created) {
        counts(created.accountId()).tasks.incrementAndGet();
    }

    @EventListener
    void videoIndexed(VideoIndexed indexed) {
        counts(indexed.accountId()).milliseconds.addAndGet(Math.round(indexed.durationSeconds() * 1000));
    }

    /**
     * Storage is measured again at the next flush: marked once the change has committed, so that a flush between the
     * change and its commit cannot measure the old state and clear the mark.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void videoStored(VideoIndexed indexed) {
        storageChanged.add(indexed.accountId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void videosRemoved(VideosRemoved removed) {
        storageChanged.add(removed.accountId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void assetReady(AssetReady ready) {
        storageChanged.add(ready.accountId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void assetDeleted(AssetDeleted deleted) {
        storageChanged.add(deleted.accountId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void indexDeleted(IndexDeleted deleted) {
        storageChanged.add(deleted.accountId());
    }

    /** Also when the node shuts down, while the database is still there (beans that use it go first). */
    @PreDestroy
    @Scheduled(fixedDelayString = "${atrium.usage.flush-interval:10s}")
    void flush() {
        LocalDate today = today();
        for (Map.Entry<Key, Counts> entry : pending.entrySet()) {
            Counts counts = entry.getValue();
            long requests = counts.requests.getAndSet(0);
            long tasks = counts.tasks.getAndSet(0);
            long milliseconds = counts.milliseconds.getAndSet(0);
            if (entry.getKey().day().isBefore(today)) {
                // no more counts come for a past day; one racing with this removal is taken by the next flush
                pending.remove(entry.getKey());
                requests += counts.requests.getAndSet(0);
                tasks += counts.tasks.getAndSet(0);
                milliseconds += counts.milliseconds.getAndSet(0);
            }
            if (requests + tasks + milliseconds > 0) {
                long finalRequests = requests;
                long finalTasks = tasks;
                double seconds = milliseconds / 1000.0;
                write(() -> usage.add(entry.getKey().accountId(), entry.getKey().day(), finalRequests, finalTasks, seconds));
            }
        }
        for (Map.Entry<CallerKey, AtomicLong> entry : pendingByCaller.entrySet()) {
            CallerKey key = entry.getKey();
            long requests = entry.getValue().getAndSet(0);
            if (key.day().isBefore(today)) {
                pendingByCaller.remove(key);
                requests += entry.getValue().getAndSet(0);
            }
            if (requests > 0) {
                long finalRequests = requests;
                write(() -> usage.addForCaller(key.accountId(), key.day(), key.userId(), key.apiKeyId(), finalRequests));
            }
        }
        for (String accountId : Set.copyOf(storageChanged)) {
            storageChanged.remove(accountId);
            write(() -> usage.setStorage(accountId, today(), videos.storedBytes(accountId)));
        }
    }

    private void write(Runnable write) {
        try {
            write.run();
        } catch (DuplicateKeyException rowMadeByAnotherNode) {
            write.run();
        } catch (RuntimeException e) {
            // an account deleted meanwhile has no usage to keep
            log.debug("Usage could not be written: {}", e.toString());
        }
    }

    private Counts counts(String accountId) {
        return pending.computeIfAbsent(new Key(accountId, today()), key -> new Counts());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
