package io.atrium.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
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
import io.atrium.entity.EntityService.CollectionView;
import io.atrium.entity.EntityService.EntityView;
import io.atrium.entity.EntityService.NewEntity;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /v1.3/entity-collections…} and {@code /v1.3/assets/{id}/entities}, acting on the key's account. */
@ApiController
class EntitiesApiController {

    record NameBody(String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EntityBody(String name, Map<String, Object> metadata, List<String> assetIds) {

        NewEntity command() {
            return new NewEntity(name, metadata, assetIds);
        }
    }

    record BulkBody(List<EntityBody> entities) {
    }

    record UpdateBody(String name, Map<String, Object> metadata) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AssetIdsBody(List<String> assetIds) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CollectionJson(@JsonProperty("_id") String id, String name, Instant createdAt, Instant updatedAt) {

        static CollectionJson of(CollectionView collection) {
            return new CollectionJson(collection.id(), collection.name(), collection.createdAt(), collection.updatedAt());
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EntityJson(@JsonProperty("_id") String id, String entityCollectionId, String name,
            Map<String, Object> metadata, List<String> assetIds, String status, Instant createdAt, Instant updatedAt) {

        static EntityJson of(EntityView entity) {
            return new EntityJson(entity.id(), entity.collectionId(), entity.name(), entity.metadata(), entity.assetIds(),
                    EntitiesApiController.status(entity), entity.createdAt(), entity.updatedAt());
        }
    }

    record CreatedEntity(@JsonProperty("_id") String id, String name, String status) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BulkError(int entityIndex, String entityName, String errorReason) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BulkJson(int successCount, int failedCount, List<CreatedEntity> entities, List<BulkError> errors) {
    }

    private static final String COLLECTIONS = "/v1.3/entity-collections";
    private static final String COLLECTION = COLLECTIONS + "/{collectionId}";
    private static final String ENTITY = COLLECTION + "/entities/{entityId}";

    private final EntityService entities;

    EntitiesApiController(EntityService entities) {
        this.entities = entities;
    }

    @GetMapping(COLLECTIONS)
    ApiPage<CollectionJson> collections(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(required = false) String name,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption) {
        ApiPage<CollectionView> found = entities.collections(actor.accountId(), name,
                EntityService.paging(page, pageLimit, sortBy, sortOption));
        return new ApiPage<>(found.data().stream().map(CollectionJson::of).toList(), found.pageInfo());
    }

    @PostMapping(COLLECTIONS)
    @ResponseStatus(HttpStatus.CREATED)
    CollectionJson createCollection(Actor actor, @RequestBody NameBody body) {
        return CollectionJson.of(entities.createCollection(actor.accountId(), body.name()));
    }

    @GetMapping(COLLECTION)
    CollectionJson collection(Actor actor, @PathVariable String collectionId) {
        return CollectionJson.of(entities.collection(actor.accountId(), collectionId));
    }

    @PatchMapping(COLLECTION)
    CollectionJson renameCollection(Actor actor, @PathVariable String collectionId, @RequestBody NameBody body) {
        return CollectionJson.of(entities.renameCollection(actor.accountId(), collectionId, body.name()));
    }

    @DeleteMapping(COLLECTION)
    @ResponseStatus(HttpStatus.OK)
    void deleteCollection(Actor actor, @PathVariable String collectionId) {
        entities.deleteCollection(actor.accountId(), collectionId);
    }

    @GetMapping(COLLECTION + "/entities")
    ApiPage<EntityJson> entities(Actor actor, @PathVariable String collectionId,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(required = false) String name, @RequestParam(required = false) String status,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption) {
        ApiPage.Request paging = EntityService.paging(page, pageLimit, sortBy, sortOption);
        return json(entities.entities(actor.accountId(), collectionId, name, ready(status), paging));
    }

    @PostMapping(COLLECTION + "/entities")
    @ResponseStatus(HttpStatus.CREATED)
    EntityJson createEntity(Actor actor, @PathVariable String collectionId, @RequestBody EntityBody body) {
        return EntityJson.of(entities.createEntity(actor.accountId(), collectionId, body.command()));
    }

    @PostMapping(COLLECTION + "/entities/bulk")
    @ResponseStatus(HttpStatus.CREATED)
    BulkJson createEntities(Actor actor, @PathVariable String collectionId, @RequestBody BulkBody body) {
        List<NewEntity> commands = body.entities() == null ? null
                : body.entities().stream().map(entity -> entity == null ? null : entity.command()).toList();
        EntityService.BulkResult result = entities.createEntities(actor.accountId(), collectionId, commands);
        return new BulkJson(result.created().size(), result.errors().size(),
                result.created().stream().map(entity -> new CreatedEntity(entity.id(), entity.name(), status(entity))).toList(),
                result.errors().stream().map(error -> new BulkError(error.index(), error.name(), error.reason())).toList());
    }

    @GetMapping(ENTITY)
    EntityJson entity(Actor actor, @PathVariable String collectionId, @PathVariable String entityId) {
        return EntityJson.of(entities.entity(actor.accountId(), collectionId, entityId));
    }

    @PatchMapping(ENTITY)
    EntityJson updateEntity(Actor actor, @PathVariable String collectionId, @PathVariable String entityId,
            @RequestBody UpdateBody body) {
        return EntityJson.of(entities.updateEntity(actor.accountId(), collectionId, entityId, body.name(), body.metadata()));
    }

    @DeleteMapping(ENTITY)
    @ResponseStatus(HttpStatus.OK)
    void deleteEntity(Actor actor, @PathVariable String collectionId, @PathVariable String entityId) {
        entities.deleteEntity(actor.accountId(), collectionId, entityId);
    }

    @PostMapping(ENTITY + "/assets")
    EntityJson addAssets(Actor actor, @PathVariable String collectionId, @PathVariable String entityId,
            @RequestBody AssetIdsBody body) {
        return EntityJson.of(entities.addAssets(actor.accountId(), collectionId, entityId, body.assetIds()));
    }

    /** A DELETE with a JSON body, as the published API has it: Spring reads it like any other. */
    @DeleteMapping(ENTITY + "/assets")
    EntityJson removeAssets(Actor actor, @PathVariable String collectionId, @PathVariable String entityId,
            @RequestBody AssetIdsBody body) {
        return EntityJson.of(entities.removeAssets(actor.accountId(), collectionId, entityId, body.assetIds()));
    }

    @GetMapping("/v1.3/assets/{assetId}/entities")
    ApiPage<EntityJson> entitiesOfAsset(Actor actor, @PathVariable String assetId,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit) {
        return json(entities.entitiesOfAsset(actor.accountId(), assetId, ApiPage.request(page, pageLimit, null, null)));
    }

    private static ApiPage<EntityJson> json(ApiPage<EntityView> page) {
        return new ApiPage<>(page.data().stream().map(EntityJson::of).toList(), page.pageInfo());
    }

    private static String status(EntityView entity) {
        return entity.ready() ? "ready" : "processing";
    }

    private static Boolean ready(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return switch (status) {
            case "ready" -> true;
            case "processing" -> false;
            default -> throw new InvalidInputException("status", "parameter_invalid", "status must be processing or ready.");
        };
    }
}
