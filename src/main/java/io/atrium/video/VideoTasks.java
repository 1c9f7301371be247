package io.atrium.video;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import io.atrium.api.ApiPage;
import io.atrium.index.IndexService;
import io.atrium.plan.IndexingStop;
import io.atrium.plan.PlanService;
import io.atrium.plan.PlanSettings;
import io.atrium.plan.PlanUsage;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.shared.QuotaExceededException;
import io.atrium.storage.ObjectStorage;
import io.atrium.video.store.AssetRepository;
import io.atrium.video.store.AssetRow;
import io.atrium.video.store.IndexedAssetRepository;
import io.atrium.video.store.TaskRepository;
import io.atrium.video.store.TaskRow;
import io.atrium.video.store.UserMetadata;
import io.atrium.video.store.VideoRepository;
import io.atrium.video.upload.Filenames;
import io.atrium.video.upload.VideoDownloader;
import io.atrium.video.upload.VideoLimits;
import tools.jackson.databind.json.JsonMapper;

/** Upload tasks: an upload becomes a stored file and a task in the durable queue (api.md, Tasks). */
@Service
public class VideoTasks implements PlanUsage {

    /** What the upload answers: the task to follow and the video it will become. */
    public record CreatedTask(String taskId, String videoId) {
    }

    /** The job that works on a task (its id the task's), run by {@code video.queue.TaskWorker}. */
    public static final TaskDescriptor<Void> JOB = TaskDescriptor.of("video-task");

    private final TaskRepository tasks;
    private final VideoRepository videos;
    private final AssetRepository assets;
    private final IndexedAssetRepository indexedAssets;
    private final IndexService indexes;
    private final ObjectStorage storage;
    private final VideoDownloader downloader;
    private final VideoLimits limits;
    private final PlanService plans;
    private final List<IndexingStop> stops;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final SchedulerClient jobs;
    private final Clock clock;

    VideoTasks(TaskRepository tasks, VideoRepository videos, AssetRepository assets,
            IndexedAssetRepository indexedAssets, IndexService indexes, ObjectStorage storage,
            VideoDownloader downloader, VideoLimits limits, PlanService plans, List<IndexingStop> stops,
            ApplicationEventPublisher events, TransactionTemplate transactions, JsonMapper json, SchedulerClient jobs,
            Clock clock) {
        this.stops = stops;
        this.jobs = jobs;
        this.downloader = downloader;
        this.limits = limits;
        this.events = events;
        this.plans = plans;
        this.tasks = tasks;
        this.videos = videos;
        this.assets = assets;
        this.indexedAssets = indexedAssets;
        this.indexes = indexes;
        this.storage = storage;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** The largest video file that can be indexed ({@code atrium.videos.max-file-size}), whatever its source. */
    public DataSize maxFileSize() {
        return limits.maxFileSize();
    }

    /**
     * A file stored for an upload whose task is not queued yet: {@link #queue} it, or {@link #discard} it when
     * the rest of the request is refused.
     */
    public record StoredUpload(String accountId, String videoId, String key, String filename, long size) {
    }

    /**
     * The first half of an upload, whose form may name the index and the options after the file (a multipart
     * body is read in the order the client wrote it): checks what is known so far, so that a refused upload is
     * refused before its body is read, then streams the file to storage.
     *
     * @param indexId the index, or {@code null} when the form has not named it yet
     * @throws NotFoundException when the index is not the account's
     * @throws QuotaExceededException when the plan allows no more indexing today
     * @throws java.io.UncheckedIOException when the content cannot be read or stored; nothing is then stored
     */
    public StoredUpload store(String accountId, String indexId, String originalFilename, InputStream content) {
        if (indexId != null) {
            indexes.get(accountId, indexId);
        }
        requireIndexingAllowance(accountId);
        String filename = Filenames.clean(originalFilename);
        requireVideoName(filename);
        String videoId = Ids.newId(clock.instant());
        String key = accountId + "/" + videoId + "." + extension(filename);
        long size = storage.store(key, content);
        return new StoredUpload(accountId, videoId, key, filename, size);
    }

    /**
     * The second half: queues the task of a stored file. If anything is refused, the stored file is deleted and
     * no task exists.
     *
     * @throws NotFoundException when the index is not the account's
     * @throws InvalidInputException for bad user metadata
     * @throws QuotaExceededException when the plan allows no more indexing today
     */
    public CreatedTask queue(StoredUpload stored, String indexId, boolean enableVideoStream, String userMetadataJson) {
        String accountId = stored.accountId();
        try {
            indexes.get(accountId, indexId);
            requireIndexingAllowance(accountId);
            Map<String, Object> metadata = UserMetadata.parse(json, userMetadataJson);
            Instant now = clock.instant();
            String taskId = Ids.newId(now);
            TaskRow task = new TaskRow(taskId, accountId, indexId, stored.videoId(), TaskStatus.VALIDATING, null, null,
                    stored.filename(), stored.key(), stored.size(), null, null, null, null, enableVideoStream,
                    metadata.isEmpty() ? null : json.writeValueAsString(metadata), now, now, null, null, null);
            transactions.executeWithoutResult(status -> queueTask(task));
            return new CreatedTask(taskId, stored.videoId());
        } catch (RuntimeException e) {
            discard(stored);
            throw e;
        }
    }

    /**
     * Checks user metadata before a file is stored for it.
     *
     * @throws InvalidInputException for metadata that is not a flat JSON object of allowed values
     */
    public void checkUserMetadata(String userMetadataJson) {
        UserMetadata.parse(json, userMetadataJson);
    }

    /** Deletes a stored file whose task will not be queued. */
    public void discard(StoredUpload stored) {
        storage.delete(stored.key());
    }

    /**
     * Queues a task that downloads the video from {@code videoUrl}; the worker fetches and checks it.
     *
     * @throws NotFoundException when the index is not the account's
     * @throws InvalidInputException for a URL that is not http(s), names an unknown host or a refused address,
     *     or for bad user metadata
     */
    public CreatedTask uploadFromUrl(String accountId, String indexId, String videoUrl, boolean enableVideoStream,
            String userMetadataJson) {
        indexes.get(accountId, indexId);
        URI source = downloader.check(videoUrl);
        requireIndexingAllowance(accountId);
        Map<String, Object> metadata = UserMetadata.parse(json, userMetadataJson);
        Instant now = clock.instant();
        String taskId = Ids.newId(now);
        String videoId = Ids.newId(now);
        TaskRow task = new TaskRow(taskId, accountId, indexId, videoId, TaskStatus.VALIDATING, null, null,
                VideoDownloader.filename(source), null, 0, null, null, null, null, enableVideoStream,
                metadata.isEmpty() ? null : json.writeValueAsString(metadata), now, now, source.toString(), null, null);
        transactions.executeWithoutResult(status -> queueTask(task));
        return new CreatedTask(taskId, videoId);
    }

    /**
     * Queues a task for a file held elsewhere, which the worker streams from the {@link ExternalVideoSource} that
     * reads {@code source}. Joins the caller's transaction, so an import's tasks exist together or not at all.
     *
     * @throws NotFoundException when the index is not the account's
     */
    public CreatedTask importFrom(String accountId, String indexId, String filename, String source,
            String userMetadataJson) {
        indexes.get(accountId, indexId);
        requireIndexingAllowance(accountId);
        Map<String, Object> metadata = UserMetadata.parse(json, userMetadataJson);
        Instant now = clock.instant();
        String taskId = Ids.newId(now);
        String videoId = Ids.newId(now);
        TaskRow task = new TaskRow(taskId, accountId, indexId, videoId, TaskStatus.VALIDATING, null, null, Filenames.clean(filename),
                null, 0, null, null, null, null, true, metadata.isEmpty() ? null : json.writeValueAsString(metadata),
                now, now, source, null, null);
        transactions.executeWithoutResult(status -> queueTask(task));
        return new CreatedTask(taskId, videoId);
    }

    /**
     * Queues the indexing of a ready video asset into an index: a task like an upload's whose file is the asset's
     * (stored once, however often it is indexed), validated against the index's limits by the same worker. The
     * asset is locked meanwhile, so it cannot be deleted between the check and the task.
     *
     * @return the task and the video it will become, whose id is the indexed asset's
     * @throws NotFoundException when the index or the asset is not the account's
     * @throws InvalidInputException when the asset is not a ready video, is in the index already, or for bad user
     *     metadata
     * @throws QuotaExceededException when the plan allows no more indexing today
     */
    public CreatedTask indexAsset(String accountId, String indexId, String assetId, boolean enableVideoStream,
            Map<String, Object> userMetadata) {
        indexes.get(accountId, indexId);
        requireIndexingAllowance(accountId);
        Map<String, Object> metadata = UserMetadata.requireStorable(json, userMetadata == null ? Map.of() : userMetadata);
        return transactions.execute(status -> {
            AssetRow asset = assets.lock(accountId, assetId).orElseThrow(() -> new NotFoundException("Asset"));
            if (asset.status() != AssetStatus.READY) {
                throw new InvalidInputException("asset_id", "asset_not_ready", "The asset is "
                        + asset.status().value() + "; only a ready asset can be indexed.");
            }
            if (asset.type() != AssetType.VIDEO) {
                throw new InvalidInputException("asset_id", "asset_type_not_supported",
                        "Only video assets can be indexed; this asset is " + asset.type().value() + ".");
            }
            if (indexedAssets.isIndexedIn(accountId, indexId, assetId)) {
                throw new InvalidInputException("asset_id", "asset_already_indexed",
                        "The asset is already indexed (or being indexed) in this index.");
            }
            Instant now = clock.instant();
            String taskId = Ids.newId(now);
            String videoId = Ids.newId(now);
            queueTask(new TaskRow(taskId, accountId, indexId, videoId, TaskStatus.VALIDATING, null, null,
                    asset.filename(), asset.objectKey(), asset.size(), null, null, null, null, enableVideoStream,
                    metadata.isEmpty() ? null : json.writeValueAsString(metadata), now, now, null, null, assetId));
            return new CreatedTask(taskId, videoId);
        });
    }

    /** The task row and the job that works on it are written together: a queued task is never forgotten. */
    private void queueTask(TaskRow task) {
        tasks.insert(task);
        jobs.schedule(JOB.instance(task.id()).build(), task.createdAt());
        events.publishEvent(new TaskCreated(task.accountId(), task.id()));
    }

    /** The given tasks of the account, by id (those that no longer exist are left out). */
    public Map<String, TaskView> find(String accountId, Collection<String> taskIds) {
        return tasks.ofAccount(accountId, taskIds).stream().map(TaskView::of)
                .collect(Collectors.toMap(TaskView::id, task -> task));
    }

    /**
     * One page of the account's tasks that meet the filter; the database reads only the page (and the count), a page
     * past the middle from the list's other end ({@link ApiPage#read}), both from one snapshot.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public ApiPage<TaskView> list(String accountId, TaskFilter filter, ApiPage.Request paging) {
        return ApiPage.read(paging, (descending, limit, offset) -> tasks.page(accountId, filter, paging.sortBy(),
                descending, limit, offset).stream().map(TaskView::of).toList(), () -> tasks.count(accountId, filter));
    }

    /** @throws NotFoundException when the index is not the account's */
    public List<TaskView> unfinished(String accountId, String indexId) {
        indexes.get(accountId, indexId);
        return tasks.unfinishedOfIndex(accountId, indexId).stream().map(TaskView::of).toList();
    }

    public TaskView get(String accountId, String taskId) {
        return tasks.find(accountId, taskId).map(TaskView::of).orElseThrow(() -> new NotFoundException("Task"));
    }

    /** Only a failed task, or a ready one whose video was deleted, can be deleted (api.md). */
    public void delete(String accountId, String taskId) {
        TaskRow task = tasks.find(accountId, taskId).orElseThrow(() -> new NotFoundException("Task"));
        boolean deletable = task.status() == TaskStatus.FAILED
                || (task.status() == TaskStatus.READY && !videos.exists(accountId, task.videoId()));
        if (!deletable) {
            throw new InvalidInputException("task_id", "task_cannot_be_deleted",
                    "Only a failed task, or a ready task whose video was deleted, can be deleted.");
        }
        tasks.delete(accountId, taskId);
    }

    /**
     * The plan's daily indexing tasks and, where it has one, its quota of indexed minutes (counted over the videos
     * the account holds), before a task is created.
     *
     * @throws QuotaExceededException when either is used up
     */
    /** What the quotas that {@link #requireIndexingAllowance} enforces count now, as Billing & Plan shows it. */
    @Override
    public PlanUsage.Used used(String accountId) {
        Instant startOfDay = clock.instant().truncatedTo(ChronoUnit.DAYS);
        return new PlanUsage.Used(tasks.countCreatedSince(accountId, startOfDay), videos.totalDuration(accountId) / 60.0);
    }

    private void requireIndexingAllowance(String accountId) {
        PlanSettings.Limits plan = plans.limitsOf(accountId);
        Instant startOfDay = clock.instant().truncatedTo(ChronoUnit.DAYS);
        if (tasks.countCreatedSince(accountId, startOfDay) >= plan.indexingTasksPerDay()) {
            throw new QuotaExceededException("video_file", "This account's plan allows "
                    + plan.indexingTasksPerDay() + " indexing tasks a day. Try again after midnight UTC, or choose "
                    + "another plan on Settings > Billing & Plan.");
        }
        if (plan.indexingMinutes() != null && videos.totalDuration(accountId) >= plan.indexingMinutes() * 60.0) {
            throw new QuotaExceededException("video_file", "This account holds its plan's "
                    + plan.indexingMinutes() + " minutes of indexed video. Delete videos, or choose another plan on "
                    + "Settings > Billing & Plan.");
        }
        stops.forEach(stop -> stop.requireIndexingAllowed(accountId));
    }

    /**
     * The extension a stored file is given: its name's, when that is a video container's. No upload is stored under
     * another (such as {@code m3u8}, which alone makes FFmpeg read a file as a playlist); the only playlists in
     * storage are the server's own HLS renditions ({@code -hls.m3u8}), which FFmpeg is never given to read.
     */
    public static String extension(String filename) {
        return VideoContainer.extensionOf(filename).orElse("bin");
    }

    /**
     * The same rule as S3 imports: a file is taken only under a video container's name; its content is checked
     * by FFmpeg afterwards.
     *
     * @throws InvalidInputException with code {@code video_file_broken} for any other name
     */
    static void requireVideoName(String filename) {
        if (!VideoContainer.allowsName(filename)) {
            throw new InvalidInputException("video_file", "video_file_broken", "Not a video file: " + filename
                    + ". Files ending in " + VideoContainer.extensionList() + " are accepted.");
        }
    }
}
