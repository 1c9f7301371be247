package io.atrium.video.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import io.atrium.storage.ObjectStorage;
import io.atrium.video.HlsRenditions;
import io.atrium.video.HlsState;
import io.atrium.video.media.HlsKeys;
import io.atrium.video.media.HlsPackager;
import io.atrium.video.store.HlsRepository;
import io.atrium.video.store.HlsRow;

/**
 * Makes HLS renditions: each is a job ({@link HlsRenditions#JOB}) that db-scheduler runs on one node at a time and
 * revives on another when that node dies, so a rendition's status survives restarts. FFmpeg reading a file it cannot
 * package ends in {@link HlsState.Status#ERROR} at once; anything else that breaks an attempt (storage, FFmpeg not
 * starting) is tried again a minute later, up to {@link #MAX_ATTEMPTS} attempts in all, then ends in ERROR too.
 *
 * <p>Transcoding can take minutes and the jobs' threads are shared with mail and upload tasks, so a node makes at
 * most {@code atrium.hls.concurrency} renditions at once; a job that finds them all busy is put back a little later
 * rather than holding a thread.
 */
@Configuration(proxyBeanMethods = false)
class HlsWorker {

    private static final Logger log = LoggerFactory.getLogger(HlsWorker.class);
    static final int MAX_ATTEMPTS = 5;
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(5);

    private final HlsRepository renditions;
    private final ObjectStorage storage;
    private final HlsPackager packager;
    private final Semaphore permits;
    private final Clock clock;

    HlsWorker(HlsRepository renditions, ObjectStorage storage, HlsPackager packager,
            @Value("${atrium.hls.concurrency:1}") int concurrency, Clock clock) {
        this.renditions = renditions;
        this.storage = storage;
        this.packager = packager;
        this.permits = new Semaphore(Math.max(1, concurrency));
        this.clock = clock;
    }

    @Bean
    Task<Void> hlsRenditionJob() {
        return Tasks.custom(HlsRenditions.JOB)
                .onDeadExecutionRevive()
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> {
                    if (!permits.tryAcquire()) {
                        return (complete, operations) -> operations.reschedule(complete,
                                clock.instant().plus(BUSY_RETRY_AFTER));
                    }
                    try {
                        String[] ids = instance.getId().split("/", 2);
                        work(ids[0], ids[1]);
                    } finally {
                        permits.release();
                    }
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }

    /** @throws RuntimeException when this attempt broke and another one is due */
    private void work(String accountId, String mediaId) {
        Optional<HlsRow> found = renditions.find(accountId, mediaId).filter(row -> !row.status().isFinished());
        if (found.isEmpty()) {
            return; // forgotten with its media, or finished by an attempt a crash cut short after the fact
        }
        HlsRow rendition = found.get();
        int attempt = renditions.countAttempt(accountId, mediaId);
        if (attempt > MAX_ATTEMPTS) {
            fail(rendition, "Packaging broke off " + MAX_ATTEMPTS + " times.");
            return;
        }
        renditions.markProcessing(accountId, mediaId, clock.instant());
        try {
            make(rendition);
        } catch (Exception e) {
            log.warn("The HLS rendition of {}/{} could not be made (attempt {}): {}", accountId, mediaId, attempt,
                    e.toString());
            if (attempt >= MAX_ATTEMPTS) {
                fail(rendition, "Packaging broke off " + MAX_ATTEMPTS + " times, last: " + e.getMessage());
                return;
            }
            throw new IllegalStateException("The HLS rendition of " + mediaId + " is tried again after " + RETRY_AFTER, e);
        }
    }

    private void make(HlsRow rendition) throws IOException, InterruptedException {
        String accountId = rendition.accountId();
        String mediaId = rendition.mediaId();
        Path directory = Files.createTempDirectory("atrium-hls");
        try {
            HlsPackager.Result result = storage.withLocalCopy(rendition.objectKey(),
                    file -> packager.pack(file, directory));
            if (result instanceof HlsPackager.Refused refused) {
                log.info("The HLS rendition of {}/{} cannot be made: {}", accountId, mediaId, refused.reason());
                fail(rendition, refused.reason());
                return;
            }
            HlsPackager.Packaged packaged = (HlsPackager.Packaged) result;
            // Segments first, the playlist last: a stored playlist always finds its segments.
            for (int i = 0; i < packaged.segments().size(); i++) {
                try (InputStream in = Files.newInputStream(packaged.segments().get(i))) {
                    storage.store(HlsKeys.segment(accountId, mediaId, i), in);
                }
            }
            storage.store(HlsKeys.playlist(accountId, mediaId),
                    new ByteArrayInputStream(packaged.playlist().getBytes(StandardCharsets.UTF_8)));
            if (!renditions.markReady(accountId, mediaId, packaged.segments().size(), clock.instant())) {
                // The media was deleted while FFmpeg worked: what was just stored must not outlive it.
                storage.delete(HlsKeys.playlist(accountId, mediaId));
                for (int i = 0; i < packaged.segments().size(); i++) {
                    storage.delete(HlsKeys.segment(accountId, mediaId, i));
                }
            }
        } finally {
            FileSystemUtils.deleteRecursively(directory);
        }
    }

    private void fail(HlsRow rendition, String reason) {
        renditions.markError(rendition.accountId(), rendition.mediaId(), reason, clock.instant());
    }
}
