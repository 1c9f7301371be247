package io.atrium.integration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.index.IndexService;
import io.atrium.index.IndexView;
import io.atrium.integration.BucketAccess.BucketObject;
import io.atrium.integration.ImportRepository.ImportRow;
import io.atrium.integration.ImportRepository.ItemRow;
import io.atrium.integration.IntegrationRepository.IntegrationRow;
import io.atrium.shared.Actor;
import io.atrium.shared.ConflictException;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.video.TaskFailed;
import io.atrium.video.TaskReady;
import io.atrium.video.TaskStatus;
import io.atrium.video.TaskView;
import io.atrium.video.VideoContainer;
import io.atrium.video.VideoService;
import io.atrium.video.VideoTasks;

/**
 * Imports from an integration's bucket into an index (api.md, S3 imports): each video object under the prefix
 * becomes an upload task, streamed from the bucket by the task worker. One import runs per integration at a
 * time; an incremental import skips objects whose content (S3 entity tag and size) is already a video of the
 * index, and objects that failed before unless failures are retried.
 */
@Service
public class ImportService {

    /** A video the import created, by the task that makes it. */
    public record ImportedVideo(String videoId, String filename) {
    }

    /** An object that could not be imported, and why. */
    public record FailedFile(String filename, String errorMessage) {
    }

    /** What starting an import answers. */
    public record ImportResult(String importId, List<ImportedVideo> videos, List<FailedFile> failedFiles) {
    }

    /** One object in the status of an integration's imports into an index. */
    public record StatusItem(String filename, String objectKey, String videoId, long size, Instant createdAt,
            Instant updatedAt, String errorMessage) {
    }

    /** Where each object under the prefix stands for the index: not imported yet, or its task's status. */
    public record ImportStatus(List<StatusItem> notImported, Map<TaskStatus, List<StatusItem>> byStatus) {

        public int total() {
            return notImported.size() + byStatus.values().stream().mapToInt(List::size).sum();
        }
    }

    /**
     * One import run: when, into which index, how its videos fared, which objects failed.
     *
     * @param videoStatus how many of its videos are in each status, by the status's value, every status present:
     *        what the API and the page show as they are
     */
    public record ImportLog(String importId, String indexId, String indexName, Instant createdAt, Instant endedAt,
            Map<String, Integer> videoStatus, List<FailedFile> failedFiles) {

        public int total() {
            return videoStatus.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int finished() {
            return ready() + videoStatus.get(TaskStatus.FAILED.value());
        }

        public int ready() {
            return videoStatus.get(TaskStatus.READY.value());
        }

        /** How many of its videos are in each status, in the order a task goes through them: what pages list. */
        public List<StatusCount> counts() {
            return Arrays.stream(TaskStatus.values())
                    .map(status -> new StatusCount(status, videoStatus.getOrDefault(status.value(), 0))).toList();
        }
    }

    public record StatusCount(TaskStatus status, int count) {
    }

    private final IntegrationRepository integrations;
    private final IntegrationService integrationService;
    private final ImportRepository imports;
    private final BucketAccess buckets;
    private final IndexService indexes;
    private final VideoTasks tasks;
    private final VideoService videos;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ImportService(IntegrationRepository integrations, IntegrationService integrationService, ImportRepository imports,
            BucketAccess buckets, IndexService indexes, VideoTasks tasks, VideoService videos, AuditLog audit,
            ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.integrations = integrations;
        this.integrationService = integrationService;
        this.imports = imports;
        this.buckets = buckets;
        this.indexes = indexes;
        this.tasks = tasks;
        this.videos = videos;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Lists the bucket and queues a task for each object to import, all in one transaction that holds the
     * integration's row, so a second import of the same integration waits and then finds this one running.
     *
     * @throws NotFoundException when the integration or the index is not the account's
     * @throws ConflictException while another import of the integration runs
     * @throws InvalidInputException when the bucket cannot be listed (with the reason) or bad user metadata
     */
    @Transactional
    public ImportResult start(Actor actor, String integrationId, String indexId,
            boolean incremental, boolean retryFailed, String userMetadataJson) {
        String accountId = actor.accountId();
        String userId = actor.userId();
        IntegrationRow integration = integrations.lock(accountId, integrationId)
                .orElseThrow(() -> new NotFoundException("Integration"));
        if (indexId == null || indexId.isBlank()) {
            throw new InvalidInputException("index_id", "parameter_not_provided", "index_id is required.");
        }
        IndexView index = indexes.get(accountId, indexId);
        imports.running(accountId, integrationId).ifPresent(running -> {
            if (!endIfDone(accountId, running)) {
                throw new ConflictException("import_in_progress", "An import of this integration is running. "
                        + "Wait for it to end before starting another.");
            }
        });
        List<BucketObject> objects;
        try {
            objects = buckets.list(integrationService.config(integration));
        } catch (BucketAccess.BucketProblem problem) {
            throw problem.asInvalidInput();
        }

        Instant now = clock.instant();
        String importId = Ids.newId(now);
        Map<String, ItemRow> lastByKey = lastItemByKey(accountId, integrationId, indexId);
        Map<String, TaskView> earlierTasks = tasks.find(accountId, lastByKey.values().stream()
                .map(ItemRow::taskId).filter(Objects::nonNull).toList());
        Set<String> contentInIndex = contentInIndex(accountId, indexId);
        List<ImportedVideo> created = new ArrayList<>();
        List<FailedFile> failed = new ArrayList<>();
        List<ItemRow> items = new ArrayList<>();
        for (BucketObject object : objects) {
            String filename = filename(object.key());
            String refusal = refusal(object, filename);
            if (refusal != null) {
                failed.add(new FailedFile(filename, refusal));
                items.add(new ItemRow(Ids.newId(now), importId, indexId, object.key(), filename, object.size(),
                        object.etag(), null, null, refusal, now));
                continue;
            }
            ItemRow last = lastByKey.get(object.key());
            boolean failedBefore = last != null && (last.errorMessage() != null || (last.taskId() != null
                    && status(earlierTasks.get(last.taskId())) == TaskStatus.FAILED));
            if (incremental && (contentInIndex.contains(content(object.etag(), object.size()))
                    || (failedBefore && !retryFailed))) {
                continue;
            }
            VideoTasks.CreatedTask task = tasks.importFrom(accountId, indexId, filename,
                    S3VideoSource.reference(integrationId, object.key()), userMetadataJson);
            created.add(new ImportedVideo(task.videoId(), filename));
            items.add(new ItemRow(Ids.newId(now), importId, indexId, object.key(), filename, object.size(),
                    object.etag(), task.taskId(), task.videoId(), null, now));
        }
        imports.insert(new ImportRow(importId, accountId, integrationId, indexId, incremental, retryFailed, now,
                created.isEmpty() ? now : null));
        if (created.isEmpty()) {
            events.publishEvent(new ImportCompleted(accountId, importId, integrationId, indexId));
        }
        items.forEach(item -> imports.insertItem(accountId, integrationId, item));
        audit.record(accountId, userId, AuditAction.INTEGRATION_IMPORT_STARTED, integration.name(),
                "index=" + index.name() + ", videos=" + created.size() + ", failed=" + failed.size());
        return new ImportResult(importId, created, failed);
    }

    /**
     * The objects under the prefix that were never imported into the index, and the imported ones by their
     * task's status (the latest import of each object counts).
     */
    @Transactional
    public ImportStatus status(String accountId, String integrationId, String indexId) {
        IntegrationRow integration = integrationService.row(accountId, integrationId);
        if (indexId == null || indexId.isBlank()) {
            throw new InvalidInputException("index_id", "parameter_not_provided", "index_id is required.");
        }
        indexes.get(accountId, indexId);
        List<BucketObject> objects;
        try {
            objects = buckets.list(integrationService.config(integration));
        } catch (BucketAccess.BucketProblem problem) {
            throw problem.asInvalidInput();
        }
        Map<String, ItemRow> lastByKey = lastItemByKey(accountId, integrationId, indexId);
        Map<String, TaskView> taskViews = tasks.find(accountId, lastByKey.values().stream()
                .map(ItemRow::taskId).filter(Objects::nonNull).toList());
        Map<TaskStatus, List<StatusItem>> byStatus = new EnumMap<>(TaskStatus.class);
        Arrays.stream(TaskStatus.values()).forEach(status -> byStatus.put(status, new ArrayList<>()));
        List<StatusItem> notImported = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (BucketObject object : objects) {
            listed.add(object.key());
            ItemRow item = lastByKey.get(object.key());
            if (item == null) {
                if (VideoContainer.allowsName(filename(object.key()))) {
                    notImported.add(new StatusItem(filename(object.key()), object.key(), null, object.size(), null, null, null));
                }
                continue;
            }
            add(byStatus, item, taskViews);
        }
        // objects imported earlier that have since left the bucket still show how their import went
        lastByKey.values().stream().filter(item -> !listed.contains(item.objectKey()))
                .forEach(item -> add(byStatus, item, taskViews));
        return new ImportStatus(notImported, byStatus);
    }

    /** The integration's import runs, newest first, each ended once all its tasks have finished. */
    @Transactional
    public List<ImportLog> logs(String accountId, String integrationId) {
        integrationService.row(accountId, integrationId);
        Map<String, String> indexNames = indexes.list(accountId, io.atrium.index.IndexFilter.NONE).stream()
                .collect(Collectors.toMap(IndexView::id, IndexView::name, (a, b) -> a));
        return imports.ofIntegration(accountId, integrationId).stream()
                .map(run -> log(accountId, run, indexNames.getOrDefault(run.indexId(), "Deleted index")))
                .toList();
    }

    /** The integration's newest import run, if any: what its page follows while it runs. */
    @Transactional
    public Optional<ImportLog> latest(String accountId, String integrationId) {
        integrationService.row(accountId, integrationId);
        return imports.latest(accountId, integrationId).map(run -> {
            String indexName;
            try {
                indexName = indexes.get(accountId, run.indexId()).name();
            } catch (NotFoundException deleted) {
                indexName = "Deleted index";
            }
            return log(accountId, run, indexName);
        });
    }

    /** How a run's videos fared and which objects failed; a run whose tasks have all finished is ended. */
    private ImportLog log(String accountId, ImportRow run, String indexName) {
        List<ItemRow> items = imports.itemsOf(accountId, run.id());
        Map<String, TaskView> taskViews = tasks.find(accountId, items.stream().map(ItemRow::taskId)
                .filter(Objects::nonNull).toList());
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        Arrays.stream(TaskStatus.values()).forEach(status -> counts.put(status, 0));
        List<FailedFile> failedFiles = new ArrayList<>();
        for (ItemRow item : items) {
            if (item.taskId() == null) {
                failedFiles.add(new FailedFile(item.filename(), item.errorMessage()));
                continue;
            }
            TaskView task = taskViews.get(item.taskId());
            TaskStatus status = status(task);
            counts.merge(status, 1, Integer::sum);
            if (status == TaskStatus.FAILED) {
                failedFiles.add(new FailedFile(item.filename(), task == null ? "The task was deleted."
                        : task.errorMessage()));
            }
        }
        Instant endedAt = run.endedAt();
        if (endedAt == null && counts.entrySet().stream()
                .allMatch(count -> count.getKey().isFinished() || count.getValue() == 0)) {
            endedAt = clock.instant();
            end(run, endedAt);
        }
        Map<String, Integer> videoStatus = new LinkedHashMap<>();
        counts.forEach((status, count) -> videoStatus.put(status.value(), count));
        return new ImportLog(run.id(), run.indexId(), indexName, run.createdAt(), endedAt, videoStatus, failedFiles);
    }

    /** Ends a running import whose tasks have all finished. @return whether it has ended */
    private boolean endIfDone(String accountId, ImportRow running) {
        List<String> taskIds = imports.itemsOf(accountId, running.id()).stream().map(ItemRow::taskId)
                .filter(Objects::nonNull).toList();
        boolean done = tasks.find(accountId, taskIds).values().stream()
                .allMatch(task -> task.status().isFinished());
        if (done) {
            end(running, clock.instant());
        }
        return done;
    }

    private void end(ImportRow run, Instant endedAt) {
        if (imports.end(run.accountId(), run.id(), endedAt)) {
            events.publishEvent(new ImportCompleted(run.accountId(), run.id(), run.integrationId(), run.indexId()));
        }
    }

    /** An import ends as its last task finishes, in that task's transaction. */
    @EventListener
    public void endImportOfReadyTask(TaskReady ready) {
        imports.lockRunningWithTask(ready.accountId(), ready.taskId()).ifPresent(run -> endIfDone(run.accountId(), run));
    }

    @EventListener
    public void endImportOfFailedTask(TaskFailed failed) {
        imports.lockRunningWithTask(failed.accountId(), failed.taskId()).ifPresent(run -> endIfDone(run.accountId(), run));
    }

    private Map<String, ItemRow> lastItemByKey(String accountId, String integrationId, String indexId) {
        Map<String, ItemRow> last = new HashMap<>();
        imports.itemsInto(accountId, integrationId, indexId).forEach(item -> last.put(item.objectKey(), item));
        return last;
    }

    /** The content (entity tag and size) of the videos of the index that came from imports and still exist. */
    private Set<String> contentInIndex(String accountId, String indexId) {
        List<ItemRow> imported = imports.videosInto(accountId, indexId);
        Set<String> existing = videos.existing(accountId, indexId, imported.stream().map(ItemRow::videoId).toList());
        return imported.stream().filter(item -> existing.contains(item.videoId()))
                .map(item -> content(item.etag(), item.size())).collect(Collectors.toSet());
    }

    private String refusal(BucketObject object, String filename) {
        if (!VideoContainer.allowsName(filename)) {
            return "Not a video file: " + filename + ". Files ending in " + VideoContainer.extensionList()
                    + " are imported.";
        }
        if (object.size() == 0) {
            return "The file is empty.";
        }
        if (object.size() > tasks.maxFileSize().toBytes()) {
            return "The file is larger than " + tasks.maxFileSize() + ".";
        }
        return null;
    }

    private static void add(Map<TaskStatus, List<StatusItem>> byStatus, ItemRow item, Map<String, TaskView> taskViews) {
        TaskView task = item.taskId() == null ? null : taskViews.get(item.taskId());
        if (task == null) {
            byStatus.get(TaskStatus.FAILED).add(new StatusItem(item.filename(), item.objectKey(), item.videoId(), item.size(),
                    item.createdAt(), item.createdAt(), item.errorMessage() != null ? item.errorMessage() : "The task was deleted."));
            return;
        }
        byStatus.get(task.status()).add(new StatusItem(item.filename(), item.objectKey(), item.videoId(), item.size(),
                task.createdAt(), task.updatedAt(), task.errorMessage()));
    }

    /** A task deleted since counts as failed: its video will not come. */
    private static TaskStatus status(TaskView task) {
        return task == null ? TaskStatus.FAILED : task.status();
    }

    private static String content(String etag, long size) {
        return etag + "|" + size;
    }

    static String filename(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
