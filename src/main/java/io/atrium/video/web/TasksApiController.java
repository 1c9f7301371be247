package io.atrium.video.web;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.api.ApiTimes;
import io.atrium.video.TaskFilter;
import io.atrium.video.TaskStatus;
import io.atrium.video.TaskView;
import io.atrium.video.VideoService;
import io.atrium.video.VideoTasks;
import io.atrium.video.upload.MultipartReader;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.video.upload.UploadBodies;
import io.atrium.video.upload.VideoLimits;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /v1.3/tasks}: uploading a video into an index, and following the upload. */
@ApiController
@RequestMapping("/v1.3/tasks")
class TasksApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Created(@JsonProperty("_id") String id, String videoId) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SystemMetadata(String filename, Double duration, Integer width, Integer height) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskError(String code, String message) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TaskJson(@JsonProperty("_id") String id, String videoId,
            String indexId, String status,
            SystemMetadata systemMetadata,
            @JsonInclude(JsonInclude.Include.NON_NULL) TaskError error,
            @JsonInclude(JsonInclude.Include.NON_NULL) VideosApiController.Hls hls,
            Instant createdAt, Instant updatedAt) {

        static TaskJson of(TaskView task, VideosApiController.Hls hls) {
            return new TaskJson(task.id(), task.videoId(), task.indexId(), task.status().value(),
                    new SystemMetadata(task.filename(), task.duration(), task.width(), task.height()),
                    task.errorCode() == null ? null : new TaskError(task.errorCode(), task.errorMessage()), hls,
                    task.createdAt(), task.updatedAt());
        }
    }

    /** The form fields of an upload besides its file; any other part is skipped. */
    private static final Set<String> FORM_FIELDS = Set.of("index_id", "video_url", "enable_video_stream", "user_metadata");
    /** The most bytes one form field may have (user metadata is the longest). */
    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final VideoTasks tasks;
    private final VideoService videos;
    private final VideoLimits limits;

    TasksApiController(VideoTasks tasks, VideoService videos, VideoLimits limits) {
        this.tasks = tasks;
        this.videos = videos;
        this.limits = limits;
    }

    /**
     * Reads the multipart body itself, part by part as it arrives (the servlet container is told to leave it
     * alone: {@code spring.servlet.multipart.resolve-lazily}), so that a {@code video_file} goes straight from the
     * connection to storage. A body larger than the limit is refused before it is read when its length is
     * announced, and as soon as it passes the limit otherwise; a {@code video_url} is checked now and downloaded
     * by the task worker.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Created upload(Actor actor, HttpServletRequest request) throws IOException {
        MultipartReader form = UploadBodies.open(request, limits);
        Map<String, String> fields = new HashMap<>();
        VideoTasks.StoredUpload stored = null;
        try {
            for (MultipartReader.Part part = form.next(); part != null; part = form.next()) {
                if (part.name().equals("video_file")) {
                    if (stored != null || UploadBodies.blankToNull(fields.get("video_url")) != null) {
                        throw exactlyOneSource(true);
                    }
                    // What came before the file is checked before a byte of it is stored.
                    UploadBodies.flag("enable_video_stream", fields.get("enable_video_stream"), true);
                    tasks.checkUserMetadata(fields.get("user_metadata"));
                    stored = UploadBodies.nonEmpty(tasks, tasks.store(actor.accountId(),
                            UploadBodies.blankToNull(fields.get("index_id")), part.filename(), part.content()));
                } else if (FORM_FIELDS.contains(part.name())) {
                    fields.put(part.name(), part.text(MAX_FIELD_BYTES));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw UploadBodies.discarding(stored, tasks::discard, UploadBodies.refusal(e));
        }
        return queue(actor.accountId(), fields, stored);
    }

    /** The task of a read form: from the stored file, or from the URL. */
    private Created queue(String accountId, Map<String, String> fields, VideoTasks.StoredUpload stored) {
        try {
            String indexId = UploadBodies.blankToNull(fields.get("index_id"));
            if (indexId == null) {
                throw new InvalidInputException("index_id", "parameter_not_provided", "index_id is required.");
            }
            boolean hasUrl = UploadBodies.blankToNull(fields.get("video_url")) != null;
            if ((stored != null) == hasUrl) {
                throw exactlyOneSource(stored != null);
            }
            boolean enableVideoStream = UploadBodies.flag("enable_video_stream", fields.get("enable_video_stream"), true);
            VideoTasks.CreatedTask created = hasUrl
                    ? tasks.uploadFromUrl(accountId, indexId, fields.get("video_url"), enableVideoStream,
                            fields.get("user_metadata"))
                    : tasks.queue(stored, indexId, enableVideoStream, fields.get("user_metadata"));
            return new Created(created.taskId(), created.videoId());
        } catch (RuntimeException e) {
            throw UploadBodies.discarding(stored, tasks::discard, e);
        }
    }

    private static InvalidInputException exactlyOneSource(boolean both) {
        return new InvalidInputException("video_file", both ? "parameter_invalid" : "parameter_not_provided",
                "Send exactly one of video_file and video_url.");
    }

    @GetMapping
    ApiPage<TaskJson> list(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption,
            @RequestParam(name = "index_id", required = false) String indexId,
            @RequestParam(name = "status", required = false) List<String> statuses,
            @RequestParam(required = false) String filename,
            @RequestParam(required = false) Double duration,
            @RequestParam(required = false) Integer width,
            @RequestParam(required = false) Integer height,
            @RequestParam(name = "created_at", required = false) String createdAt,
            @RequestParam(name = "updated_at", required = false) String updatedAt) {
        ApiPage.Request paging = ApiPage.request(page, pageLimit, sortBy, sortOption);
        TaskFilter filter = new TaskFilter(indexId, TaskFilter.statuses(statuses), filename, duration, width, height,
                ApiTimes.atOrAfter("created_at", createdAt), ApiTimes.atOrAfter("updated_at", updatedAt));
        ApiPage<TaskView> found = tasks.list(actor.accountId(), filter, paging);
        return new ApiPage<>(found.data().stream().map(task -> TaskJson.of(task, null)).toList(), found.pageInfo());
    }

    @GetMapping("/{taskId}")
    TaskJson get(Actor actor, @PathVariable String taskId) {
        TaskView task = tasks.get(actor.accountId(), taskId);
        return TaskJson.of(task, hls(actor.accountId(), task));
    }

    /**
     * Where the task's video plays, exactly as the video shows it (api.md, Tasks): only a ready task whose video
     * still exists and was uploaded for streaming has somewhere to play.
     */
    private VideosApiController.Hls hls(String accountId, TaskView task) {
        if (task.status() != TaskStatus.READY) {
            return null;
        }
        try {
            return VideosApiController.Hls.of(videos.get(accountId, task.indexId(), task.videoId()));
        } catch (NotFoundException videoDeleted) {
            return null;
        }
    }

    @DeleteMapping("/{taskId}")
    @ResponseStatus(HttpStatus.OK)
    void delete(Actor actor, @PathVariable String taskId) {
        tasks.delete(actor.accountId(), taskId);
    }
}
