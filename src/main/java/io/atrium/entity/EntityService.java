package io.atrium.entity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.api.ApiPage;
import io.atrium.entity.EntityRepository.CollectionRow;
import io.atrium.entity.EntityRepository.EntityFilter;
import io.atrium.entity.EntityRepository.EntityRow;
import io.atrium.shared.DisplayNames;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.video.AssetDeleted;
import io.atrium.video.AssetService;
import io.atrium.video.AssetService.AssetState;
import io.atrium.video.AssetStatus;
import io.atrium.video.AssetType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entity collections and their entities, metadata over the account's image assets. An entity is {@code ready} when it
 * has assets and every one of them is a ready image; else {@code processing}.
 *
 * <p>Readiness is kept per asset of an entity ({@code entity_assets.ready}) so that the {@code status} filter is a
 * condition in SQL and pages stay exact. An asset only ever becomes ready, never the reverse, so before entities are
 * read the rows not yet ready are looked up again (through {@link AssetService#states}) and marked when their asset
 * is a ready image: a cost bounded by the assets still waiting, not by the entities listed.
 */
@Service
class EntityService {

    /** Reference images per entity: more than any face recognition needs, and it bounds every entity's row set. */
    static final int MAX_ASSETS_PER_ENTITY = 100;
    /** Entities per bulk request, which is created in one transaction. */
    static final int MAX_BULK_ENTITIES = 100;

    record CollectionView(String id, String name, Instant createdAt, Instant updatedAt) {
    }

    record EntityView(String id, String collectionId, String name, Map<String, Object> metadata, List<String> assetIds,
            boolean ready, Instant createdAt, Instant updatedAt) {
    }

    /** An entity to create, as sent. */
    record NewEntity(String name, Map<String, Object> metadata, List<String> assetIds) {
    }

    /** The entities a bulk request created, and why the others were not (their index in the request). */
    record BulkResult(List<EntityView> created, List<BulkError> errors) {
    }

    record BulkError(int index, String name, String reason) {
    }

    private final EntityRepository repository;
    private final AssetService assets;
    private final JsonMapper json;
    private final Clock clock;

    EntityService(EntityRepository repository, AssetService assets, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.assets = assets;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Checks a page request whose sort field may also be {@code name}, which {@link ApiPage#request} does not know.
     *
     * @throws InvalidInputException for a page, limit, sort field or order outside the conventions
     */
    static ApiPage.Request paging(Integer page, Integer pageLimit, String sortBy, String sortOption) {
        if ("name".equals(sortBy)) {
            ApiPage.Request request = ApiPage.request(page, pageLimit, null, sortOption);
            return new ApiPage.Request(request.page(), request.limit(), "name", request.descending());
        }
        if (sortBy != null && !sortBy.equals("created_at") && !sortBy.equals("updated_at")) {
            throw new InvalidInputException("sort_by", "parameter_invalid",
                    "sort_by must be created_at, updated_at or name.");
        }
        return ApiPage.request(page, pageLimit, sortBy, sortOption);
    }

    // Collections

    /** @throws InvalidInputException for a missing, too long or taken name */
    @Transactional
    public CollectionView createCollection(String accountId, String rawName) {
        String name = DisplayNames.require("name", rawName);
        if (repository.collectionNameTaken(accountId, name, null)) {
            throw nameTaken(name);
        }
        Instant now = clock.instant();
        String id = Ids.newId(now);
        try {
            repository.insertCollection(accountId, id, name, now);
        } catch (DuplicateKeyException raceWithAnotherCreate) {
            throw nameTaken(name);
        }
        return collection(accountId, id);
    }

    public ApiPage<CollectionView> collections(String accountId, String name, ApiPage.Request paging) {
        String filter = name == null || name.isBlank() ? null : name.strip();
        List<CollectionView> page = repository.collections(accountId, filter, paging).stream()
                .map(EntityService::view).toList();
        return ApiPage.of(page, paging, () -> repository.countCollections(accountId, filter));
    }

    /** @throws NotFoundException for a missing collection or one of another account */
    public CollectionView collection(String accountId, String collectionId) {
        return repository.findCollection(accountId, collectionId).map(EntityService::view)
                .orElseThrow(() -> new NotFoundException("Entity collection"));
    }

    /** Renames the collection when a name is given; without one, nothing changes. */
    @Transactional
    public CollectionView renameCollection(String accountId, String collectionId, String rawName) {
        requireCollection(accountId, collectionId);
        if (rawName != null) {
            String name = DisplayNames.require("name", rawName);
            if (repository.collectionNameTaken(accountId, name, collectionId)) {
                throw nameTaken(name);
            }
            try {
                repository.renameCollection(accountId, collectionId, name, clock.instant());
            } catch (DuplicateKeyException raceWithAnotherRename) {
                throw nameTaken(name);
            }
        }
        return collection(accountId, collectionId);
    }

    /** Deletes the collection with its entities. */
    @Transactional
    public void deleteCollection(String accountId, String collectionId) {
        if (!repository.deleteCollection(accountId, collectionId)) {
            throw new NotFoundException("Entity collection");
        }
    }

    // Entities

    public ApiPage<EntityView> entities(String accountId, String collectionId, String name, Boolean ready,
            ApiPage.Request paging) {
        requireCollection(accountId, collectionId);
        refreshReadiness(accountId, repository.pendingAssetIds(accountId, collectionId, null));
        return page(accountId, new EntityFilter(collectionId, null, name == null || name.isBlank() ? null : name.strip(),
                ready), paging);
    }

    /** Entities (of any collection) that have the asset. @throws NotFoundException when the asset is not the account's */
    public ApiPage<EntityView> entitiesOfAsset(String accountId, String assetId, ApiPage.Request paging) {
        if (assets.states(accountId, List.of(assetId)).isEmpty()) {
            throw new NotFoundException("Asset");
        }
        refreshReadiness(accountId, repository.pendingAssetIds(accountId, null, assetId));
        return page(accountId, new EntityFilter(null, assetId, null, null), paging);
    }

    private ApiPage<EntityView> page(String accountId, EntityFilter filter, ApiPage.Request paging) {
        List<EntityRow> rows = repository.entities(accountId, filter, paging);
        return ApiPage.of(views(accountId, rows), paging, () -> repository.countEntities(accountId, filter));
    }

    /**
     * @throws NotFoundException for a collection that is not the account's
     * @throws InvalidInputException for a bad name, metadata or asset list
     */
    @Transactional
    public EntityView createEntity(String accountId, String collectionId, NewEntity entity) {
        lockCollection(accountId, collectionId);
        Checked checked = check(accountId, entity, null);
        return entity(accountId, collectionId, insert(accountId, collectionId, checked, clock.instant()));
    }

    /**
     * Creates the valid entities together and reports the others by their index, each with the reason it was refused.
     *
     * @throws InvalidInputException when there are no entities or too many
     * @throws NotFoundException for a collection that is not the account's
     */
    @Transactional
    public BulkResult createEntities(String accountId, String collectionId, List<NewEntity> entities) {
        if (entities == null || entities.isEmpty()) {
            throw new InvalidInputException("entities", "parameter_not_provided", "entities must list at least one entity.");
        }
        if (entities.size() > MAX_BULK_ENTITIES) {
            throw new InvalidInputException("entities", "parameter_invalid",
                    "A bulk request creates at most " + MAX_BULK_ENTITIES + " entities.");
        }
        lockCollection(accountId, collectionId);
        // One look-up for the assets of every entity, instead of one per entity.
        Set<String> allAssetIds = new LinkedHashSet<>();
        entities.stream().filter(Objects::nonNull).map(NewEntity::assetIds).filter(Objects::nonNull)
                .forEach(ids -> ids.stream().filter(Objects::nonNull).forEach(allAssetIds::add));
        Map<String, AssetState> states = assets.states(accountId, allAssetIds);
        Instant now = clock.instant();
        List<String> createdIds = new ArrayList<>();
        List<BulkError> errors = new ArrayList<>();
        for (int i = 0; i < entities.size(); i++) {
            NewEntity entity = entities.get(i);
            try {
                if (entity == null) {
                    throw new InvalidInputException("entities", "parameter_invalid", "The entity is null.");
                }
                createdIds.add(insert(accountId, collectionId, check(accountId, entity, states), now));
            } catch (InvalidInputException refused) {
                errors.add(new BulkError(i, entity == null ? null : entity.name(), refused.getMessage()));
            }
        }
        List<EntityView> created = createdIds.stream().map(id -> entity(accountId, collectionId, id)).toList();
        return new BulkResult(created, errors);
    }

    /** @throws NotFoundException unless the entity is in the account's collection */
    public EntityView entity(String accountId, String collectionId, String entityId) {
        refreshReadiness(accountId, repository.pendingAssetIds(accountId, collectionId, null));
        EntityRow row = repository.findEntity(accountId, collectionId, entityId)
                .orElseThrow(() -> new NotFoundException("Entity"));
        return views(accountId, List.of(row)).get(0);
    }

    /** Changes what is given: the name, and the metadata (replaced whole); nothing else. */
    @Transactional
    public EntityView updateEntity(String accountId, String collectionId, String entityId, String rawName,
            Map<String, Object> metadata) {
        lockEntity(accountId, collectionId, entityId);
        EntityRow row = repository.findEntity(accountId, collectionId, entityId).orElseThrow();
        if (rawName != null || metadata != null) {
            String name = rawName == null ? row.name() : DisplayNames.require("name", rawName);
            String stored = metadata == null ? row.metadata() : EntityMetadata.toStored(json, metadata);
            repository.updateEntity(accountId, collectionId, entityId, name, stored, clock.instant());
        }
        return entity(accountId, collectionId, entityId);
    }

    @Transactional
    public void deleteEntity(String accountId, String collectionId, String entityId) {
        if (!repository.deleteEntity(accountId, collectionId, entityId)) {
            throw new NotFoundException("Entity");
        }
    }

    /** Adds the assets; those the entity already has stay where they are. */
    @Transactional
    public EntityView addAssets(String accountId, String collectionId, String entityId, List<String> assetIds) {
        lockEntity(accountId, collectionId, entityId);
        List<String> requested = requireAssetIds(assetIds);
        List<String> current = repository.assetIds(accountId, List.of(entityId)).getOrDefault(entityId, List.of());
        List<String> added = requested.stream().filter(id -> !current.contains(id)).toList();
        if (current.size() + added.size() > MAX_ASSETS_PER_ENTITY) {
            throw tooManyAssets();
        }
        Map<String, AssetState> states = requireUsable(accountId, added, null);
        // Positions continue after the largest one given so far; removals leave gaps, which keep the order.
        int position = repository.nextPosition(accountId, entityId);
        for (String assetId : added) {
            repository.addAsset(accountId, collectionId, entityId, assetId, position++, readyImage(states.get(assetId)));
        }
        if (!added.isEmpty()) {
            repository.touchEntity(accountId, collectionId, entityId, clock.instant());
        }
        return entity(accountId, collectionId, entityId);
    }

    /**
     * Removes the assets from the entity.
     *
     * @throws InvalidInputException {@code asset_not_in_entity} for an asset the entity does not have, or when no
     *     asset would be left (an entity is described by at least one: delete it instead)
     */
    @Transactional
    public EntityView removeAssets(String accountId, String collectionId, String entityId, List<String> assetIds) {
        lockEntity(accountId, collectionId, entityId);
        List<String> requested = requireAssetIds(assetIds);
        List<String> current = repository.assetIds(accountId, List.of(entityId)).getOrDefault(entityId, List.of());
        requested.stream().filter(id -> !current.contains(id)).findFirst().ifPresent(id -> {
            throw new InvalidInputException("asset_ids", "asset_not_in_entity", "The entity has no asset " + id + ".");
        });
        if (requested.size() == current.size()) {
            throw new InvalidInputException("asset_ids", "parameter_invalid",
                    "An entity keeps at least one asset. Delete the entity instead.");
        }
        repository.removeAssets(accountId, entityId, requested);
        repository.touchEntity(accountId, collectionId, entityId, clock.instant());
        return entity(accountId, collectionId, entityId);
    }

    /** A deleted asset no longer describes anyone: it leaves every entity of the account, in the same transaction. */
    @EventListener
    void assetDeleted(AssetDeleted deleted) {
        repository.removeAssetEverywhere(deleted.accountId(), deleted.assetId(), clock.instant());
    }

    // Checks

    /** A new entity's values, checked. */
    private record Checked(String name, String metadata, List<String> assetIds, Map<String, AssetState> states) {
    }

    /** @param states the assets already looked up, or {@code null} to look them up */
    private Checked check(String accountId, NewEntity entity, Map<String, AssetState> states) {
        String name = DisplayNames.require("name", entity.name());
        List<String> assetIds = requireAssetIds(entity.assetIds());
        if (assetIds.size() > MAX_ASSETS_PER_ENTITY) {
            throw tooManyAssets();
        }
        String metadata = EntityMetadata.toStored(json, entity.metadata());
        return new Checked(name, metadata, assetIds, requireUsable(accountId, assetIds, states));
    }

    private String insert(String accountId, String collectionId, Checked entity, Instant now) {
        String id = Ids.newId(now);
        repository.insertEntity(accountId, collectionId, id, entity.name(), entity.metadata(), now);
        int position = 0;
        for (String assetId : entity.assetIds()) {
            repository.addAsset(accountId, collectionId, id, assetId, position++, readyImage(entity.states().get(assetId)));
        }
        return id;
    }

    /** The ids given, without repeats, in their order. */
    private static List<String> requireAssetIds(List<String> assetIds) {
        if (assetIds == null || assetIds.isEmpty()) {
            throw new InvalidInputException("asset_ids", "parameter_not_provided", "asset_ids must list at least one asset.");
        }
        if (assetIds.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw new InvalidInputException("asset_ids", "parameter_invalid", "asset_ids must not hold empty ids.");
        }
        return List.copyOf(new LinkedHashSet<>(assetIds));
    }

    /**
     * Every asset must be one of the account's, not failed, and an image (or not yet read, its type still unknown).
     *
     * @throws InvalidInputException {@code asset_not_found}, {@code asset_failed} or {@code asset_not_image}
     */
    private Map<String, AssetState> requireUsable(String accountId, Collection<String> assetIds,
            Map<String, AssetState> known) {
        Map<String, AssetState> states = known != null ? known : assets.states(accountId, assetIds);
        for (String id : assetIds) {
            AssetState state = states.get(id);
            if (state == null) {
                throw new InvalidInputException("asset_ids", "asset_not_found", "There is no asset " + id + " in this account.");
            }
            if (state.status() == AssetStatus.FAILED) {
                throw new InvalidInputException("asset_ids", "asset_failed",
                        "The asset " + id + " failed processing and cannot describe an entity.");
            }
            if (state.type() != null && state.type() != AssetType.IMAGE) {
                throw new InvalidInputException("asset_ids", "asset_not_image",
                        "The asset " + id + " is " + state.type().value() + ": entities are described by images.");
            }
        }
        return states;
    }

    private static boolean readyImage(AssetState state) {
        return state != null && state.status() == AssetStatus.READY && state.type() == AssetType.IMAGE;
    }

    /** Marks the rows of the assets that have become ready images since they were last looked at. */
    private void refreshReadiness(String accountId, List<String> pendingAssetIds) {
        if (pendingAssetIds.isEmpty()) {
            return;
        }
        List<String> ready = assets.states(accountId, pendingAssetIds).entrySet().stream()
                .filter(state -> readyImage(state.getValue())).map(Map.Entry::getKey).toList();
        repository.markReady(accountId, ready);
    }

    private void requireCollection(String accountId, String collectionId) {
        if (repository.findCollection(accountId, collectionId).isEmpty()) {
            throw new NotFoundException("Entity collection");
        }
    }

    private void lockCollection(String accountId, String collectionId) {
        if (!repository.lockCollection(accountId, collectionId)) {
            throw new NotFoundException("Entity collection");
        }
    }

    private void lockEntity(String accountId, String collectionId, String entityId) {
        if (!repository.lockEntity(accountId, collectionId, entityId)) {
            throw new NotFoundException("Entity");
        }
    }

    private List<EntityView> views(String accountId, List<EntityRow> rows) {
        Map<String, List<String>> assetIds = repository.assetIds(accountId, rows.stream().map(EntityRow::id).toList());
        return rows.stream().map(row -> new EntityView(row.id(), row.collectionId(), row.name(),
                EntityMetadata.read(json, row.metadata()), assetIds.getOrDefault(row.id(), List.of()), row.ready(),
                row.createdAt(), row.updatedAt())).toList();
    }

    private static CollectionView view(CollectionRow row) {
        return new CollectionView(row.id(), row.name(), row.createdAt(), row.updatedAt());
    }

    private static InvalidInputException nameTaken(String name) {
        return new InvalidInputException("name", "entity_collection_name_already_exists",
                "An entity collection named " + name + " already exists in this account.");
    }

    private static InvalidInputException tooManyAssets() {
        return new InvalidInputException("asset_ids", "parameter_invalid",
                "An entity has at most " + MAX_ASSETS_PER_ENTITY + " assets.");
    }
}
