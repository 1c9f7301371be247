package io.atrium.video;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.api.ApiCaller;
import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;

/** {@code /v1.3/tasks}: uploading a video into an index, and following the upload. */
@ApiController
@RequestMapping("/v1.3/tasks")
class TasksApiController {

    record Created(@JsonProperty("_id") String id, @JsonProperty("video_id") String videoId) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SystemMetadata(String filename, Double duration, Integer width, Integer height) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TaskError(String code, String message) {
    }

    record TaskJson(@JsonProperty("_id") String id, @JsonProperty("video_id") String videoId,
            @JsonProperty("index_id") String indexId, String status,
            @JsonProperty("system_metadata") SystemMetadata systemMetadata,
            @JsonInclude(JsonInclude.Include.NON_NULL) TaskError error,
            @JsonInclude(JsonInclude.Include.NON_NULL) VideosApiController.Hls hls,
            @JsonProperty("created_at") Instant createdAt, @JsonProperty("updated_at") Instant updatedAt) {

        static TaskJson of(TaskView task, VideosApiController.Hls hls) {
            return new TaskJson(task.id(), task.videoId(), task.indexId(), task.status(),
                    new SystemMetadata(task.filename(), task.duration(), task.width(), task.height()),
                    task.errorCode() == null ? null : new TaskError(task.errorCode(), task.errorMessage()), hls,
                    task.createdAt(), task.updatedAt());
        }
    }

    private final VideoTasks tasks;
    private final VideoService videos;

    TasksApiController(VideoTasks tasks, VideoService videos) {
        this.tasks = tasks;
        this.videos = videos;
    }

    /**
     * A {@code video_file} is streamed from the request (spooled to disk by the servlet container) to storage; a
     * {@code video_url} is checked now and downloaded by the task worker.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Created upload(@AuthenticationPrincipal ApiCaller caller,
            @RequestParam(name = "index_id", required = false) String indexId,
            @RequestParam(name = "video_file", required = false) MultipartFile videoFile,
            @RequestParam(name = "video_url", required = false) String videoUrl,
            @RequestParam(name = "enable_video_stream", defaultValue = "true") boolean enableVideoStream,
            @RequestParam(name = "user_metadata", required = false) String userMetadata) throws IOException {
        if (indexId == null || indexId.isBlank()) {
            throw new InvalidInputException("index_id", "parameter_not_provided", "index_id is required.");
        }
        boolean hasFile = videoFile != null && !videoFile.isEmpty();
        boolean hasUrl = videoUrl != null && !videoUrl.isBlank();
        if (hasFile == hasUrl) {
            throw new InvalidInputException("video_file", hasFile ? "parameter_invalid" : "parameter_not_provided",
                    "Send exactly one of video_file and video_url.");
        }
        if (hasUrl) {
            VideoTasks.CreatedTask created = tasks.uploadFromUrl(caller.accountId(), indexId, videoUrl,
                    enableVideoStream, userMetadata);
            return new Created(created.taskId(), created.videoId());
        }
        try (InputStream content = videoFile.getInputStream()) {
            VideoTasks.CreatedTask created = tasks.upload(caller.accountId(), indexId, videoFile.getOriginalFilename(),
                    content, enableVideoStream, userMetadata);
            return new Created(created.taskId(), created.videoId());
        }
    }

    @GetMapping
    ApiPage<TaskJson> list(@AuthenticationPrincipal ApiCaller caller, @RequestParam(required = false) Integer page,
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
        LocalDate createdOn = day("created_at", createdAt);
        LocalDate updatedOn = day("updated_at", updatedAt);
        List<TaskJson> matching = tasks.list(caller.accountId()).stream()
                .filter(task -> indexId == null || task.indexId().equals(indexId))
                .filter(task -> statuses == null || statuses.isEmpty() || statuses.contains(task.status()))
                .filter(task -> filename == null || task.filename().equals(filename))
                .filter(task -> duration == null || duration.equals(task.duration()))
                .filter(task -> width == null || width.equals(task.width()))
                .filter(task -> height == null || height.equals(task.height()))
                .filter(task -> createdOn == null || task.createdAt().atZone(ZoneOffset.UTC).toLocalDate().equals(createdOn))
                .filter(task -> updatedOn == null || task.updatedAt().atZone(ZoneOffset.UTC).toLocalDate().equals(updatedOn))
                .map(task -> TaskJson.of(task, null))
                .toList();
        return ApiPage.of(matching, page, pageLimit, sortBy, sortOption, TaskJson::createdAt, TaskJson::updatedAt);
    }

    @GetMapping("/{taskId}")
    TaskJson get(@AuthenticationPrincipal ApiCaller caller, @PathVariable String taskId) {
        TaskView task = tasks.get(caller.accountId(), taskId);
        return TaskJson.of(task, hls(caller.accountId(), task));
    }

    /**
     * Where the task's video plays, exactly as the video shows it (api.md, Tasks): only a ready task whose video
     * still exists and was uploaded for streaming has somewhere to play.
     */
    private VideosApiController.Hls hls(String accountId, TaskView task) {
        if (!task.status().equals("ready")) {
            return null;
        }
        try {
            return VideosApiController.Hls.of(videos.get(accountId, task.indexId(), task.videoId()));
        } catch (NotFoundException videoDeleted) {
            return null;
        }
    }

    @DeleteMapping("/{taskId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal ApiCaller caller, @PathVariable String taskId) {
        tasks.delete(caller.accountId(), taskId);
    }

    static LocalDate day(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value)
                    : OffsetDateTime.parse(value).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(parameter, "parameter_invalid",
                    parameter + " must be a date (2026-11-28) or an RFC 3339 time.");
        }
    }
}
