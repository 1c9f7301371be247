package io.atrium.video.multipart;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.video.AssetService;
import io.atrium.video.AssetType;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/** {@code /v1.3/assets/multipart-uploads}: assets uploaded in chunks, in the published shapes. */
@ApiController
@RequestMapping("/v1.3/assets/multipart-uploads")
class MultipartUploadsApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateBody(String filename, String type, Long totalSize, Boolean enableHls, Boolean enableThumbnail,
            Map<String, Object> userMetadata) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UploadUrl(int chunkIndex, String url, Instant expiresAt) {

        static List<UploadUrl> of(List<MultipartUploads.ChunkUrl> urls) {
            return urls.stream().map(url -> new UploadUrl(url.index(), url.url(), url.expiresAt())).toList();
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedJson(String uploadId, String assetId, List<UploadUrl> uploadUrls, Map<String, String> uploadHeaders,
            long chunkSize, int totalChunks, Instant expiresAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CompletedChunk(Integer chunkIndex, String proof, String proofType, Long chunkSize) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReportBody(List<CompletedChunk> completedChunks) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReportJson(@JsonInclude(JsonInclude.Include.NON_NULL) String url, String assetId, int processedChunks,
            int duplicateChunks, int totalCompleted) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChunkJson(int index, String status, @JsonInclude(JsonInclude.Include.NON_NULL) Instant uploadedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusJson(String uploadId, String status, List<ChunkJson> uploadedChunks, int chunksCompleted,
            int chunksFailed, int chunksPending, ApiPage.PageInfo pageInfo, long totalSize, long uploadedSize,
            Instant createdAt, Instant updatedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SummaryJson(String uploadId, String status, long totalSize, long chunkSize, int totalChunks,
            Instant createdAt, Instant expiresAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UrlsBody(Integer start, Integer count) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UrlsJson(String uploadId, int startIndex, int count, List<UploadUrl> uploadUrls, Instant generatedAt,
            Instant expiresAt) {
    }

    private final MultipartUploads uploads;
    private final JsonMapper json;

    MultipartUploadsApiController(MultipartUploads uploads, JsonMapper json) {
        this.uploads = uploads;
        this.json = json;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedJson create(Actor actor, @RequestBody CreateBody body) {
        if (body == null || body.filename() == null || body.type() == null || body.totalSize() == null) {
            String missing = body == null || body.filename() == null ? "filename" : body.type() == null ? "type" : "total_size";
            throw new InvalidInputException(missing, "parameter_not_provided",
                    "filename, type and total_size are required.");
        }
        AssetType type = AssetType.of(body.type()).orElseThrow(() -> new InvalidInputException("type",
                "parameter_invalid", "type must be video, audio or image."));
        AssetService.Options options = new AssetService.Options(null, Boolean.TRUE.equals(body.enableHls()),
                Boolean.TRUE.equals(body.enableThumbnail()),
                body.userMetadata() == null ? null : json.writeValueAsString(body.userMetadata()));
        MultipartUploads.Created created = uploads.create(actor.accountId(), body.filename(), type, body.totalSize(),
                options);
        UploadRow upload = created.upload();
        // Chunks are sent with nothing but their link: no header is needed.
        return new CreatedJson(upload.id(), upload.assetId(), UploadUrl.of(created.urls()), Map.of(),
                upload.chunkSize(), upload.totalChunks(), upload.expiresAt());
    }

    @GetMapping
    ApiPage<SummaryJson> incomplete(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit) {
        ApiPage<UploadRow> found = uploads.incomplete(actor.accountId(), ApiPage.request(page, pageLimit, null, null));
        return new ApiPage<>(found.data().stream().map(upload -> new SummaryJson(upload.id(), upload.status(),
                upload.totalSize(), upload.chunkSize(), upload.totalChunks(), upload.createdAt(), upload.expiresAt()))
                .toList(), found.pageInfo());
    }

    @GetMapping("/{uploadId}")
    StatusJson status(Actor actor, @PathVariable String uploadId, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit) {
        MultipartUploads.Status status = uploads.status(actor.accountId(), uploadId,
                ApiPage.request(page, pageLimit, null, null));
        UploadRow upload = status.upload();
        return new StatusJson(upload.id(), status.status(), status.chunks().stream()
                .map(chunk -> new ChunkJson(chunk.index(), chunk.status(), chunk.uploadedAt(), chunk.updatedAt(),
                        chunk.error()))
                .toList(), status.completed(), status.failed(), status.pending(), status.pageInfo(), upload.totalSize(),
                status.uploadedSize(), upload.createdAt(), upload.updatedAt());
    }

    @PostMapping("/{uploadId}")
    ReportJson report(Actor actor, @PathVariable String uploadId, @RequestBody ReportBody body) {
        List<MultipartUploads.Reported> reported = body == null || body.completedChunks() == null ? null
                : body.completedChunks().stream().map(chunk -> chunk == null ? null
                        : new MultipartUploads.Reported(chunk.chunkIndex(), chunk.proof(), chunk.proofType(),
                                chunk.chunkSize()))
                        .toList();
        MultipartUploads.ReportResult result = uploads.report(actor.accountId(), uploadId, reported);
        return new ReportJson(result.url(), result.assetId(), result.processed(), result.duplicates(),
                result.totalCompleted());
    }

    @PostMapping("/{uploadId}/presigned-urls")
    UrlsJson moreUrls(Actor actor, @PathVariable String uploadId, @RequestBody UrlsBody body) {
        MultipartUploads.Urls urls = uploads.moreUrls(actor.accountId(), uploadId, body == null ? null : body.start(),
                body == null ? null : body.count());
        return new UrlsJson(urls.upload().id(), urls.start(), urls.urls().size(), UploadUrl.of(urls.urls()),
                urls.generatedAt(), urls.expiresAt());
    }
}
