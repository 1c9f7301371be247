package io.atrium.index;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.api.ApiTimes;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /v1.3/indexes} of the TwelveLabs surface, acting on the key's account. */
@ApiController
@RequestMapping("/v1.3/indexes")
class IndexesApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateIndexRequest(String indexName, List<IndexModel> models, List<String> addons) {
    }

    record Created(@JsonProperty("_id") String id) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IndexJson(@JsonProperty("_id") String id, String indexName,
            List<IndexModel> models, List<String> addons, long videoCount,
            double totalDuration, Instant createdAt,
            Instant updatedAt, Instant expiresAt) {

        static IndexJson of(IndexView index) {
            return new IndexJson(index.id(), index.name(), index.models(), index.addons(), index.videoCount(),
                    index.totalDuration(), index.createdAt(), index.updatedAt(), index.expiresAt());
        }
    }

    private static final Set<String> UPDATABLE = Set.of("index_name");

    private final IndexService indexes;

    IndexesApiController(IndexService indexes) {
        this.indexes = indexes;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created create(Actor actor, @RequestBody CreateIndexRequest request) {
        return new Created(indexes.create(actor,
                new CreateIndexCommand(request.indexName(), request.models(), request.addons())).id());
    }

    @GetMapping
    ApiPage<IndexJson> list(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption,
            @RequestParam(name = "index_name", required = false) String indexName,
            @RequestParam(name = "model_family", required = false) String modelFamily,
            @RequestParam(name = "model_options", required = false) String modelOptions,
            @RequestParam(name = "created_at", required = false) String createdAt,
            @RequestParam(name = "updated_at", required = false) String updatedAt) {
        IndexFilter filter = new IndexFilter(indexName, modelFamily, options(modelOptions),
                ApiTimes.atOrAfter("created_at", createdAt), ApiTimes.atOrAfter("updated_at", updatedAt));
        return ApiPage.of(indexes.list(actor.accountId(), filter).stream().map(IndexJson::of).toList(), page,
                pageLimit, sortBy, sortOption, IndexJson::createdAt, IndexJson::updatedAt);
    }

    @GetMapping("/{indexId}")
    IndexJson get(Actor actor, @PathVariable String indexId) {
        return IndexJson.of(indexes.get(actor.accountId(), indexId));
    }

    /** Only the name can change: the models an index was built for cannot. */
    @PutMapping("/{indexId}")
    @ResponseStatus(HttpStatus.OK)
    void rename(Actor actor, @PathVariable String indexId,
            @RequestBody Map<String, Object> body) {
        indexes.get(actor.accountId(), indexId);
        if (body.containsKey("models") || body.containsKey("addons")) {
            throw new InvalidInputException("models", "index_option_cannot_be_changed",
                    "The models and addons of an index cannot be changed. Create a new index instead.");
        }
        body.keySet().stream().filter(key -> !UPDATABLE.contains(key)).findFirst().ifPresent(key -> {
            throw new InvalidInputException(key, "parameter_unknown", key + " is not a field of an index update.");
        });
        if (!(body.get("index_name") instanceof String name)) {
            throw new InvalidInputException("index_name", "parameter_not_provided", "index_name is required.");
        }
        indexes.rename(actor.accountId(), indexId, name);
    }

    @DeleteMapping("/{indexId}")
    @ResponseStatus(HttpStatus.OK)
    void delete(Actor actor, @PathVariable String indexId) {
        indexes.delete(actor, indexId);
    }

    /** TwelveLabs clients send several model options comma-separated ({@code visual,audio}). */
    private static List<String> options(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(option -> !option.isEmpty()).toList();
    }

}
