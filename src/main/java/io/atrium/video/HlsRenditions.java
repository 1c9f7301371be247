package io.atrium.video;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import io.atrium.storage.ObjectStorage;
import io.atrium.video.media.HlsKeys;
import io.atrium.video.media.MediaUrls;
import io.atrium.video.store.HlsRepository;
import io.atrium.video.store.HlsRow;

/**
 * HLS renditions of stored media (a video today; any stored media object keyed by its id): an {@code .m3u8}
 * playlist and MPEG-TS segments made once by a durable job ({@link #JOB}, run by {@code video.queue.HlsWorker})
 * and stored beside the media. Its status goes pending, processing, then ready or error, and survives restarts;
 * the playlist and every segment are served through signed, expiring links.
 */
@Service
public class HlsRenditions {

    /** The job that makes one rendition; its instance id is {@code <account id>/<media id>}. */
    public static final TaskDescriptor<Void> JOB = TaskDescriptor.of("hls-rendition");

    private final HlsRepository renditions;
    private final ObjectStorage storage;
    private final MediaUrls urls;
    private final SchedulerClient jobs;
    private final Clock clock;

    HlsRenditions(HlsRepository renditions, ObjectStorage storage, MediaUrls urls, SchedulerClient jobs, Clock clock) {
        this.renditions = renditions;
        this.storage = storage;
        this.urls = urls;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** The job instance of one rendition: both ids are 24 hex digits, so the slash always splits them back. */
    public static String jobId(String accountId, String mediaId) {
        return accountId + "/" + mediaId;
    }

    /**
     * Asks for the rendition of the media stored under {@code objectKey}. Call it inside the transaction that makes
     * the media exist: the pending row and its job are written by it, so neither outlives a rollback. A rendition
     * already pending, being made or ready is left alone; a failed one is started again.
     */
    public void request(String accountId, String mediaId, String objectKey) {
        if (renditions.requestPending(accountId, mediaId, objectKey, clock.instant())) {
            jobs.scheduleIfNotExists(JOB.instance(jobId(accountId, mediaId)).build(), clock.instant());
        }
    }

    /** Where the media's rendition stands; empty when none was asked for (or it was forgotten). */
    public Optional<HlsState> state(String accountId, String mediaId) {
        return renditions.find(accountId, mediaId).map(HlsRow::state);
    }

    /** A signed, expiring link to the playlist, once the rendition is ready. */
    public Optional<String> playlistLink(String accountId, String mediaId) {
        return renditions.find(accountId, mediaId).filter(row -> row.status() == HlsState.Status.READY)
                .map(row -> urls.link(accountId, mediaId, HlsKeys.PLAYLIST));
    }

    /**
     * The ready rendition's playlist as a player gets it: each segment line a signed link of its own (relative to
     * the playlist's, so it works behind any proxy), valid for as long as a new media link is. Empty when there is no
     * ready rendition of this media in this account.
     */
    public Optional<String> servedPlaylist(String accountId, String mediaId) {
        Optional<HlsRow> ready = renditions.find(accountId, mediaId).filter(row -> row.status() == HlsState.Status.READY);
        if (ready.isEmpty()) {
            return Optional.empty();
        }
        String key = HlsKeys.playlist(accountId, mediaId);
        long size = storage.size(key).orElse(-1);
        if (size < 0) {
            return Optional.empty();
        }
        String stored;
        try (InputStream in = storage.open(key, 0, size)) {
            stored = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + key, e);
        }
        int segments = ready.get().segments() == null ? 0 : ready.get().segments();
        StringBuilder served = new StringBuilder();
        for (String line : stored.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                served.append(line).append('\n');
                continue;
            }
            int index = HlsKeys.segmentIndex(line);
            if (index < 0 || index >= segments) {
                // the worker writes only its own segment names; anything else is never handed out
                return Optional.empty();
            }
            served.append(urls.relativeLink(accountId, mediaId, line)).append('\n');
        }
        return Optional.of(served.toString());
    }

    /** The stored key of a segment of the media's ready rendition; empty for a segment it does not have. */
    public Optional<String> segmentKey(String accountId, String mediaId, String segmentName) {
        int index = HlsKeys.segmentIndex(segmentName);
        if (index < 0) {
            return Optional.empty();
        }
        return renditions.find(accountId, mediaId)
                .filter(row -> row.status() == HlsState.Status.READY && row.segments() != null && index < row.segments())
                .map(row -> HlsKeys.segment(accountId, mediaId, index));
    }

    /**
     * Forgets the renditions of media whose files are going (the media's own clean-up deletes every object under
     * its id). Inside the caller's transaction.
     */
    @EventListener
    void forgetReleased(VideoFilesReleased released) {
        renditions.delete(released.accountId(), released.videoIds());
    }

    /**
     * Forgets the renditions of the given media and, once the caller's transaction commits, deletes their playlists
     * and segments (the media's own files stay). A rendition being made when it is forgotten deletes what it stored
     * itself, when it finds its row gone.
     */
    public void forget(String accountId, Collection<String> mediaIds) {
        List<HlsRow> forgotten = renditions.delete(accountId, mediaIds);
        Runnable deleteObjects = () -> forgotten.forEach(row -> deleteObjects(accountId, row.mediaId(),
                row.segments() == null ? 0 : row.segments()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deleteObjects.run();
                }
            });
        } else {
            deleteObjects.run();
        }
    }

    /** Deletes a rendition's playlist and its first {@code segments} segments. */
    private void deleteObjects(String accountId, String mediaId, int segments) {
        storage.delete(HlsKeys.playlist(accountId, mediaId));
        for (int i = 0; i < segments; i++) {
            storage.delete(HlsKeys.segment(accountId, mediaId, i));
        }
    }
}
