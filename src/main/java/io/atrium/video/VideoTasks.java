package io.atrium.video;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.atrium.index.IndexService;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.storage.ObjectStorage;
import tools.jackson.databind.json.JsonMapper;

/** Upload tasks: an upload becomes a stored file and a task in the durable queue (api.md, Tasks). */
@Service
public class VideoTasks {

    /** What the upload answers: the task to follow and the video it will become. */
    public record CreatedTask(String taskId, String videoId) {
    }

    private final TaskRepository tasks;
    private final VideoRepository videos;
    private final IndexService indexes;
    private final ObjectStorage storage;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    VideoTasks(TaskRepository tasks, VideoRepository videos, IndexService indexes, ObjectStorage storage,
            TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.tasks = tasks;
        this.videos = videos;
        this.indexes = indexes;
        this.storage = storage;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Streams the upload to storage and queues its task. If anything fails, the stored file is removed and no
     * task exists.
     *
     * @throws NotFoundException when the index is not the account's
     * @throws InvalidInputException for a bad file name or user metadata
     */
    public CreatedTask upload(String accountId, String indexId, String originalFilename, InputStream content,
            boolean enableVideoStream, String userMetadataJson) {
        indexes.get(accountId, indexId);
        String filename = filename(originalFilename);
        Map<String, Object> metadata = UserMetadata.parse(json, userMetadataJson);
        Instant now = clock.instant();
        String taskId = Ids.newId(now);
        String videoId = Ids.newId(now);
        String key = accountId + "/" + videoId + "." + extension(filename);
        long size = storage.store(key, content);
        TaskRow task = new TaskRow(taskId, accountId, indexId, videoId, "validating", null, null, filename, key, size,
                null, null, null, null, enableVideoStream, metadata.isEmpty() ? null : json.writeValueAsString(metadata),
                now, now);
        try {
            transactions.executeWithoutResult(status -> tasks.insert(task));
        } catch (RuntimeException e) {
            storage.delete(key);
            throw e;
        }
        return new CreatedTask(taskId, videoId);
    }

    public List<TaskView> list(String accountId) {
        return tasks.ofAccount(accountId).stream().map(TaskView::of).toList();
    }

    public TaskView get(String accountId, String taskId) {
        return tasks.find(accountId, taskId).map(TaskView::of).orElseThrow(() -> new NotFoundException("Task"));
    }

    /** Only a failed task, or a ready one whose video was deleted, can be deleted (api.md). */
    public void delete(String accountId, String taskId) {
        TaskRow task = tasks.find(accountId, taskId).orElseThrow(() -> new NotFoundException("Task"));
        boolean deletable = task.status().equals("failed")
                || (task.status().equals("ready") && !videos.exists(accountId, task.videoId()));
        if (!deletable) {
            throw new InvalidInputException("task_id", "task_cannot_be_deleted",
                    "Only a failed task, or a ready task whose video was deleted, can be deleted.");
        }
        tasks.delete(accountId, taskId);
    }

    /** The last segment of the name the client gave, without control characters. */
    static String filename(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        name = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (name.isEmpty()) {
            return "video";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return extension.matches("[a-z0-9]{1,8}") ? extension : "bin";
    }
}
