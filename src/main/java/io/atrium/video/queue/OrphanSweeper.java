package io.atrium.video.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.atrium.storage.ObjectStorage;
import io.atrium.video.store.VideoRepository;

/**
 * Deletes stored objects that no video and no upload task refers to. An upload stores its file before its task
 * is written (the rest of the form, and the database, come after the file), so a node that dies in between
 * leaves a file behind; so does a local write cut off by a crash, and an object whose deletion failed. Objects
 * written less than {@link #GRACE} ago are left alone: their upload may still be on its way to its task.
 */
@Component
class OrphanSweeper {

    static final Duration GRACE = Duration.ofDays(1);
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final ObjectStorage storage;
    private final VideoRepository videos;
    private final Clock clock;

    OrphanSweeper(ObjectStorage storage, VideoRepository videos, Clock clock) {
        this.storage = storage;
        this.videos = videos;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${atrium.videos.orphan-sweep-delay:10m}",
            fixedDelayString = "${atrium.videos.orphan-sweep-interval:6h}")
    void sweepOnSchedule() {
        int deleted = sweep(clock.instant().minus(GRACE));
        if (deleted > 0) {
            log.info("Deleted the stored objects of {} videos that no video or upload task refers to", deleted);
        }
    }

    /**
     * Deletes the objects of every video written before {@code writtenBefore} that nothing refers to.
     *
     * @return how many videos' objects were deleted
     */
    int sweep(Instant writtenBefore) {
        List<ObjectStorage.StoredVideo> batch = new ArrayList<>();
        int[] deleted = {0};
        storage.forEachVideo(video -> {
            if (!video.lastWritten().isBefore(writtenBefore)) {
                return;
            }
            if (!batch.isEmpty() && (batch.size() == BATCH || !batch.get(0).accountId().equals(video.accountId()))) {
                deleted[0] += deleteUnreferenced(batch);
                batch.clear();
            }
            batch.add(video);
        });
        deleted[0] += deleteUnreferenced(batch);
        return deleted[0];
    }

    /** One account's videos at a time. */
    private int deleteUnreferenced(List<ObjectStorage.StoredVideo> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        String accountId = batch.get(0).accountId();
        Set<String> referenced = videos.referenced(accountId,
                batch.stream().map(ObjectStorage.StoredVideo::videoId).toList());
        int deleted = 0;
        for (ObjectStorage.StoredVideo video : batch) {
            if (!referenced.contains(video.videoId())) {
                storage.deleteVideo(accountId, video.videoId());
                deleted++;
            }
        }
        return deleted;
    }
}
