package io.atrium.video.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.video.IndexedAssetView;
import io.atrium.video.IndexedAssets;
import io.atrium.video.TaskStatus;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code /v1.3/indexes/{index_id}/indexed-assets} and {@code /v1.3/assets/{asset_id}/indexed-assets}: indexing an
 * asset into an index, and following it. The items are the index's videos, by the same ids.
 */
@ApiController
class IndexedAssetsApiController {

    /** The statuses of an indexed asset, as the published document lists them. */
    private static final List<String> STATUSES = List.of("ready", "pending", "queued", "indexing", "failed");
    private static final Set<String> RESERVED = Stream.concat(VideosApiController.PAGING.stream(), Stream.of("status"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IndexBody(String assetId, Boolean enableVideoStream, Map<String, Object> userMetadata) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Created(@JsonProperty("_id") String id, String assetId) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SystemMetadata(String filename, Double duration, Double fps, Integer width, Integer height, long size) {
    }

    record IndexedAssetError(String message) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Item(@JsonProperty("_id") String id, @JsonInclude(JsonInclude.Include.ALWAYS) String assetId,
            Instant createdAt, Instant updatedAt, @JsonInclude(JsonInclude.Include.ALWAYS) Instant indexedAt,
            String status, SystemMetadata systemMetadata,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> userMetadata,
            @JsonInclude(JsonInclude.Include.NON_NULL) VideosApiController.Hls hls,
            @JsonInclude(JsonInclude.Include.NON_NULL) IndexedAssetError error) {

        static Item of(IndexedAssetView view, boolean whole) {
            return new Item(view.id(), view.assetId(), view.createdAt(), view.updatedAt(), view.indexedAt(),
                    view.status(), new SystemMetadata(view.filename(), view.duration(), view.fps(), view.width(),
                            view.height(), view.size()),
                    whole ? view.userMetadata() : null,
                    whole && view.video() != null ? VideosApiController.Hls.of(view.video()) : null,
                    view.errorMessage() == null ? null : new IndexedAssetError(view.errorMessage()));
        }
    }

    record IndexRef(@JsonProperty("_id") String id, String name) {
    }

    record Placement(@JsonProperty("_id") String id, IndexRef index) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MetadataChange(Map<String, Object> userMetadata) {
    }

    private final IndexedAssets indexedAssets;

    IndexedAssetsApiController(IndexedAssets indexedAssets) {
        this.indexedAssets = indexedAssets;
    }

    /** 202: the indexing goes on in the background, as the published document has it. */
    @PostMapping("/v1.3/indexes/{indexId}/indexed-assets")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Created index(Actor actor, @PathVariable String indexId, @RequestBody IndexBody body) {
        if (body == null || body.assetId() == null || body.assetId().isBlank()) {
            throw new InvalidInputException("asset_id", "parameter_not_provided", "asset_id is required.");
        }
        String id = indexedAssets.index(actor.accountId(), indexId, body.assetId(),
                Boolean.TRUE.equals(body.enableVideoStream()), body.userMetadata());
        return new Created(id, body.assetId());
    }

    @GetMapping("/v1.3/indexes/{indexId}/indexed-assets")
    ApiPage<Item> list(Actor actor, @PathVariable String indexId, @RequestParam MultiValueMap<String, String> query) {
        ApiPage.Request paging = ApiPage.request(VideosApiController.integer(query, "page"),
                VideosApiController.integer(query, "page_limit"), query.getFirst("sort_by"), query.getFirst("sort_option"));
        ApiPage<IndexedAssetView> page = indexedAssets.list(actor.accountId(), indexId, statuses(query.get("status")),
                VideosApiController.filter(query, RESERVED), paging);
        return new ApiPage<>(page.data().stream().map(view -> Item.of(view, false)).toList(), page.pageInfo());
    }

    /** {@code pending} is also a task that is still being validated: the indexed asset has no such word. */
    private static List<TaskStatus> statuses(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        List<TaskStatus> statuses = new ArrayList<>();
        for (String value : values.stream().flatMap(text -> Stream.of(text.split(","))).map(String::strip).toList()) {
            if (!STATUSES.contains(value)) {
                throw new InvalidInputException("status", "parameter_invalid",
                        "status must be one of " + String.join(", ", STATUSES) + ".");
            }
            if (value.equals("pending")) {
                statuses.add(TaskStatus.VALIDATING);
            }
            statuses.add(TaskStatus.of(value));
        }
        return statuses;
    }

    @GetMapping("/v1.3/indexes/{indexId}/indexed-assets/{id}")
    Item get(Actor actor, @PathVariable String indexId, @PathVariable String id) {
        return Item.of(indexedAssets.get(actor.accountId(), indexId, id), true);
    }

    @PatchMapping("/v1.3/indexes/{indexId}/indexed-assets/{id}")
    @ResponseStatus(HttpStatus.OK)
    void patch(Actor actor, @PathVariable String indexId, @PathVariable String id, @RequestBody MetadataChange change) {
        if (change == null || change.userMetadata() == null) {
            throw new InvalidInputException("user_metadata", "parameter_not_provided", "user_metadata is required.");
        }
        indexedAssets.mergeMetadata(actor.accountId(), indexId, id, change.userMetadata());
    }

    @DeleteMapping("/v1.3/indexes/{indexId}/indexed-assets/{id}")
    @ResponseStatus(HttpStatus.OK)
    void delete(Actor actor, @PathVariable String indexId, @PathVariable String id) {
        indexedAssets.delete(actor, indexId, id);
    }

    @GetMapping("/v1.3/assets/{assetId}/indexed-assets")
    ApiPage<Placement> placements(Actor actor, @PathVariable String assetId,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit) {
        ApiPage<IndexedAssetView.Placement> found = indexedAssets.placements(actor.accountId(), assetId,
                ApiPage.request(page, pageLimit, null, null));
        return new ApiPage<>(found.data().stream()
                .map(placement -> new Placement(placement.id(), new IndexRef(placement.indexId(), placement.indexName())))
                .toList(), found.pageInfo());
    }
}
