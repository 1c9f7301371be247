package io.atrium.video.queue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.index.IndexService;
import io.atrium.shared.NotFoundException;
import io.atrium.storage.ObjectStorage;
import io.atrium.video.ExternalVideoSource;
import io.atrium.video.HlsRenditions;
import io.atrium.video.TaskFailed;
import io.atrium.video.TaskReady;
import io.atrium.video.TaskStatus;
import io.atrium.video.VideoIndexed;
import io.atrium.video.VideoSourceUnavailable;
import io.atrium.video.VideoTasks;
import io.atrium.video.media.MediaProbe;
import io.atrium.video.media.ThumbnailKeys;
import io.atrium.video.media.Thumbnails;
import io.atrium.video.store.TaskRepository;
import io.atrium.video.store.TaskRow;
import io.atrium.video.store.UserMetadata;
import io.atrium.video.store.VideoRepository;
import io.atrium.video.upload.VideoDownloader;
import io.atrium.video.upload.VideoLimits;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works on video tasks: each task is a job ({@link VideoTasks#JOB}) that db-scheduler runs on one node at a time;
 * when that node dies, its heartbeats stop and another node revives the job, which resumes the task from the
 * status it had reached. Each step is recorded, and adding the video is idempotent, so a resumed task is never
 * processed into two videos. An attempt that breaks is tried again a minute later, up to {@link #MAX_ATTEMPTS}
 * attempts in all, counting those a crash cut short (a file that kills the node is not tried forever).
 */
@Configuration(proxyBeanMethods = false)
class TaskWorker {

    private static final Logger log = LoggerFactory.getLogger(TaskWorker.class);
    static final int MAX_ATTEMPTS = 5;
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final TaskRepository tasks;
    private final VideoRepository videos;
    private final ObjectStorage storage;
    private final MediaProbe probe;
    private final Thumbnails thumbnails;
    private final VideoDownloader downloader;
    private final List<ExternalVideoSource> sources;
    private final ApplicationEventPublisher events;
    private final IndexService indexes;
    /**
     * Looked up when first used: renditions schedule jobs through the scheduler, which is built from the job beans
     * this class declares.
     */
    private final ObjectProvider<HlsRenditions> renditions;
    private final VideoLimits limits;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    TaskWorker(TaskRepository tasks, VideoRepository videos, ObjectStorage storage, MediaProbe probe,
            Thumbnails thumbnails, VideoDownloader downloader, List<ExternalVideoSource> sources, ApplicationEventPublisher events,
            IndexService indexes, ObjectProvider<HlsRenditions> renditions, VideoLimits limits, TransactionTemplate transactions,
            AuditLog audit, JsonMapper json, Clock clock) {
        this.audit = audit;
        this.renditions = renditions;
        this.events = events;
        this.downloader = downloader;
        this.sources = sources;
        this.tasks = tasks;
        this.videos = videos;
        this.storage = storage;
        this.probe = probe;
        this.thumbnails = thumbnails;
        this.indexes = indexes;
        this.limits = limits;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    @Bean
    Task<Void> videoTaskJob() {
        return Tasks.custom(VideoTasks.JOB)
                .onDeadExecutionRevive()
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> {
                    work(instance.getId());
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }

    /** @throws RuntimeException when this attempt broke and another one is due */
    private void work(String taskId) {
        Optional<TaskRow> found = tasks.findForWorker(taskId).filter(row -> !row.status().isFinished());
        if (found.isEmpty()) {
            return; // deleted with its index, or finished by an attempt a crash cut short after the fact
        }
        TaskRow task = found.get();
        int attempt = tasks.countAttempt(taskId);
        if (attempt > MAX_ATTEMPTS) {
            fail(task, "video_processing_failed", "The video could not be processed. Try uploading it again.");
            return;
        }
        try {
            process(task);
        } catch (Exception e) {
            log.warn("Task {} could not be worked on (attempt {}): {}", taskId, attempt, e.toString());
            if (attempt >= MAX_ATTEMPTS) {
                fail(task, "video_processing_failed", "The video could not be processed. Try uploading it again.");
                return;
            }
            throw new IllegalStateException("Task " + taskId + " is tried again after " + RETRY_AFTER, e);
        }
    }

    private void process(TaskRow task) throws Exception {
        TaskRow current = task;
        if (current.status() == TaskStatus.VALIDATING) {
            Optional<String> failure = validate(current);
            if (failure.isPresent()) {
                return;
            }
            current = tasks.findForWorker(current.id()).orElseThrow();
        }
        // A task resumed after a crash goes on from the step it reached.
        for (TaskStatus status = current.status(); status != TaskStatus.INDEXING; ) {
            status = status.next();
            tasks.advance(current.id(), status, clock.instant());
        }
        TaskRow indexing = tasks.findForWorker(current.id()).orElseThrow();
        if (wantsThumbnail(indexing)) {
            // a frame from the first second (or the middle of a shorter video)
            thumbnails.make(indexing.objectKey(), indexing.accountId(), indexing.videoId(),
                    Math.min(1.0, indexing.duration() == null ? 0 : indexing.duration() / 2));
        }
        TaskRow finished = tasks.findForWorker(current.id()).orElseThrow();
        Map<String, String> metadataTexts = UserMetadata.texts(json, finished.userMetadata());
        Boolean added = transactions.execute(status -> {
            boolean inserted = videos.insertIfAbsent(finished, metadataTexts, clock.instant());
            if (inserted) {
                // by Atrium itself: the worker made the video, whoever queued the task
                audit.record(finished.accountId(), null, AuditAction.VIDEO_CREATED, finished.filename(),
                        "index=" + indexName(finished));
            }
            if (inserted && finished.enableVideoStream()) {
                // with the video, in its transaction: a streamed video never exists without its rendition coming
                renditions.getObject().request(finished.accountId(), finished.videoId(), finished.objectKey());
            }
            return inserted;
        });
        if (Boolean.TRUE.equals(added)) {
            events.publishEvent(new VideoIndexed(finished.accountId(), finished.videoId(),
                    finished.duration() == null ? 0 : finished.duration(), finished.size()));
        }
        transactions.executeWithoutResult(status -> {
            if (tasks.finish(finished.id(), clock.instant())) {
                events.publishEvent(new TaskReady(finished.accountId(), finished.id(), finished.indexId(),
                        finished.videoId(), finished.assetId()));
            }
        });
    }

    /** @return the failure code, when the file is refused */
    private Optional<String> validate(TaskRow claimed) throws Exception {
        TaskRow task = claimed;
        if (task.objectKey() == null && task.sourceUrl() != null) {
            Optional<String> failure = download(task);
            if (failure.isPresent()) {
                return failure;
            }
            task = tasks.findForWorker(task.id()).orElseThrow();
        }
        if (task.objectKey() == null || !storage.exists(task.objectKey())) {
            return fail(task, "video_file_broken", "The uploaded file is missing.");
        }
        if (task.size() > limits.maxFileSize().toBytes()) {
            return fail(task, "video_filesize_too_large", "The file is larger than " + limits.maxFileSize() + ".");
        }
        Optional<MediaProbe.MediaInfo> media = storage.withLocalCopy(task.objectKey(), probe::probe);
        if (media.isEmpty()) {
            return fail(task, "video_file_broken", "The file is not a readable video.");
        }
        MediaProbe.MediaInfo info = media.get();
        if (info.duration() < limits.minDuration().toMillis() / 1000.0) {
            return fail(task, "video_duration_too_short", "The video is shorter than " + limits.minDuration().toSeconds() + " seconds.");
        }
        if (info.duration() > limits.maxDuration().toMillis() / 1000.0) {
            return fail(task, "video_duration_too_long", "The video is longer than " + limits.maxDuration().toMinutes() + " minutes.");
        }
        if (Math.min(info.width(), info.height()) < limits.minResolution()) {
            return fail(task, "video_resolution_too_low", "The video is smaller than " + limits.minResolution() + "x"
                    + limits.minResolution() + ".");
        }
        if (Math.max(info.width(), info.height()) > Math.max(limits.maxWidth(), limits.maxHeight())
                || Math.min(info.width(), info.height()) > Math.min(limits.maxWidth(), limits.maxHeight())) {
            return fail(task, "video_resolution_too_high", "The video is larger than " + limits.maxWidth() + "x"
                    + limits.maxHeight() + ".");
        }
        tasks.recordMedia(task.id(), info, clock.instant());
        return Optional.empty();
    }

    /**
     * Fetches a {@code video_url}, or a file from an {@link ExternalVideoSource}, into storage; a source that cannot
     * be read fails the task at once.
     */
    private Optional<String> download(TaskRow task) throws IOException {
        String key = task.accountId() + "/" + task.videoId() + "." + VideoTasks.extension(task.filename());
        long size;
        if (task.sourceUrl().startsWith("http://") || task.sourceUrl().startsWith("https://")) {
            try {
                size = downloader.download(task.sourceUrl(), body -> storage.store(key, body));
            } catch (VideoDownloader.DownloadFailure failure) {
                return fail(task, failure.code(), failure.getMessage());
            }
        } else {
            ExternalVideoSource source = sources.stream().filter(candidate -> candidate.reads(task.sourceUrl()))
                    .findFirst().orElse(null);
            if (source == null) {
                return fail(task, "video_source_unavailable", "The video's source is not known to this server.");
            }
            try (InputStream body = source.open(task.accountId(), task.sourceUrl())) {
                size = storage.store(key, body);
            } catch (VideoSourceUnavailable unavailable) {
                return fail(task, "video_source_unavailable", unavailable.getMessage());
            }
        }
        tasks.recordDownload(task.id(), key, size, clock.instant());
        return Optional.empty();
    }

    private boolean wantsThumbnail(TaskRow task) {
        try {
            return indexes.get(task.accountId(), task.indexId()).addons().contains("thumbnail")
                    && !storage.exists(ThumbnailKeys.of(task.accountId(), task.videoId()));
        } catch (NotFoundException indexDeletedMeanwhile) {
            return false;
        }
    }

    /** The files go first: once a client sees the task failed, nothing of it is left in storage. */
    private Optional<String> fail(TaskRow task, String code, String message) {
        storage.deleteVideo(task.accountId(), task.videoId());
        transactions.executeWithoutResult(status -> {
            tasks.fail(task.id(), code, message, clock.instant());
            events.publishEvent(new TaskFailed(task.accountId(), task.id(), task.indexId(), task.videoId(),
                    task.assetId(), code, message));
            audit.record(task.accountId(), null, AuditAction.TASK_FAILED, task.filename(),
                    "index=" + indexName(task) + ", error=" + message);
        });
        return Optional.of(code);
    }

    /** The index's name for the audit log; its id when it was deleted meanwhile. */
    private String indexName(TaskRow task) {
        try {
            return indexes.get(task.accountId(), task.indexId()).name();
        } catch (NotFoundException deletedMeanwhile) {
            return task.indexId();
        }
    }
}
