package io.atrium.integration;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.atrium.api.ApiController;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.video.TaskStatus;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v1.3/tasks/transfers/import/{integration_id}}: importing a bucket's videos into an index. */
@ApiController
@RequestMapping("/v1.3/tasks/transfers/import/{integrationId}")
class ImportsApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImportRequest(String indexId,
            Boolean incrementalImport,
            Boolean retryFailed, Object userMetadata) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VideoJson(String videoId, String filename) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FailedFileJson(String filename, String errorMessage) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImportJson(List<VideoJson> videos, List<FailedFileJson> failedFiles) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusItemJson(String videoId, String filename, Long size,
            Instant createdAt, Instant updatedAt,
            String errorMessage) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusJson(List<String> notImported, List<StatusItemJson> validating,
            List<StatusItemJson> pending, List<StatusItemJson> queued, List<StatusItemJson> indexing,
            List<StatusItemJson> ready, List<StatusItemJson> failed) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogJson(String indexId, String indexName,
            Instant createdAt, Instant endedAt,
            Map<String, Integer> videoStatus,
            List<FailedFileJson> failedFiles) {
    }

    record LogsJson(List<LogJson> data) {
    }

    private final ImportService imports;
    private final JsonMapper json;

    ImportsApiController(ImportService imports, JsonMapper json) {
        this.imports = imports;
        this.json = json;
    }

    @PostMapping
    ImportJson start(Actor actor, @PathVariable String integrationId,
            @RequestBody ImportRequest request) {
        Object metadata = request.userMetadata();
        if (metadata != null && !(metadata instanceof Map<?, ?>) && !(metadata instanceof String)) {
            throw new InvalidInputException("user_metadata", "parameter_invalid",
                    "user_metadata must be an object of strings, numbers and booleans.");
        }
        String metadataJson = metadata == null ? null : metadata instanceof String text ? text : json.writeValueAsString(metadata);
        ImportService.ImportResult result = imports.start(actor, integrationId,
                request.indexId(), request.incrementalImport() == null || request.incrementalImport(),
                request.retryFailed() != null && request.retryFailed(), metadataJson);
        return new ImportJson(result.videos().stream().map(video -> new VideoJson(video.videoId(), video.filename())).toList(),
                result.failedFiles().stream().map(ImportsApiController::failed).toList());
    }

    @GetMapping("/status")
    StatusJson status(Actor actor, @PathVariable String integrationId,
            @RequestParam(name = "index_id", required = false) String indexId) {
        ImportService.ImportStatus status = imports.status(actor.accountId(), integrationId, indexId);
        Map<TaskStatus, List<ImportService.StatusItem>> by = status.byStatus();
        return new StatusJson(status.notImported().stream().map(ImportService.StatusItem::filename).toList(),
                items(by.get(TaskStatus.VALIDATING)), items(by.get(TaskStatus.PENDING)), items(by.get(TaskStatus.QUEUED)),
                items(by.get(TaskStatus.INDEXING)), items(by.get(TaskStatus.READY)), items(by.get(TaskStatus.FAILED)));
    }

    @GetMapping("/logs")
    LogsJson logs(Actor actor, @PathVariable String integrationId) {
        return new LogsJson(imports.logs(actor.accountId(), integrationId).stream()
                .map(log -> new LogJson(log.indexId(), log.indexName(), log.createdAt(), log.endedAt(), log.videoStatus(),
                        log.failedFiles().stream().map(ImportsApiController::failed).toList()))
                .toList());
    }

    private static List<StatusItemJson> items(List<ImportService.StatusItem> items) {
        return items.stream().map(item -> new StatusItemJson(item.videoId(), item.filename(), item.size(),
                item.createdAt(), item.updatedAt(), item.errorMessage())).toList();
    }

    private static FailedFileJson failed(ImportService.FailedFile file) {
        return new FailedFileJson(file.filename(), file.errorMessage());
    }
}
