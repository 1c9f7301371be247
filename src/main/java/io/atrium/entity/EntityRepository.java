package io.atrium.entity;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.api.ApiPage;
import io.atrium.shared.Where;

/**
 * Collections, entities and their assets. Every statement names the account; an entity is found with its collection
 * too, so an entity id sent under another collection is missing.
 */
@Repository
class EntityRepository {

    record CollectionRow(String id, String name, Instant createdAt, Instant updatedAt) {
    }

    /** An entity with how many assets it has and how many of them are not yet ready images. */
    record EntityRow(String id, String collectionId, String name, String metadata, long assets, long pending,
            Instant createdAt, Instant updatedAt) {

        boolean ready() {
            return assets > 0 && pending == 0;
        }
    }

    /** What a list of entities is filtered by; {@code null} leaves a filter out. */
    record EntityFilter(String collectionId, String assetId, String name, Boolean ready) {
    }

    private static final String ENTITY = """
            select e.id, e.collection_id, e.name, e.metadata, e.created_at, e.updated_at,
                   (select count(*) from entity_assets a where a.entity_id = e.id) as asset_count,
                   (select count(*) from entity_assets a where a.entity_id = e.id and a.ready = false) as pending_count
            from entities e
            """;
    private static final String HAS_ASSETS = "exists (select 1 from entity_assets a where a.entity_id = e.id)";
    private static final String HAS_PENDING =
            "exists (select 1 from entity_assets a where a.entity_id = e.id and a.ready = false)";

    private final JdbcClient jdbc;

    EntityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Collections

    void insertCollection(String accountId, String id, String name, Instant now) {
        jdbc.sql("""
                insert into entity_collections (id, account_id, name, created_at, updated_at)
                values (:id, :accountId, :name, :now, :now)""")
                .param("id", id).param("accountId", accountId).param("name", name).param("now", utc(now)).update();
    }

    Optional<CollectionRow> findCollection(String accountId, String id) {
        return jdbc.sql("select id, name, created_at, updated_at from entity_collections where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).query(EntityRepository::collection).optional();
    }

    /** Locks the collection's row, so entities are not added to a collection being deleted. */
    boolean lockCollection(String accountId, String id) {
        return !jdbc.sql("select id from entity_collections where account_id = :accountId and id = :id for update")
                .param("accountId", accountId).param("id", id).query(String.class).list().isEmpty();
    }

    List<CollectionRow> collections(String accountId, String name, ApiPage.Request paging) {
        Where where = collectionsWhere(accountId, name);
        return jdbc.sql("select id, name, created_at, updated_at from entity_collections where " + where.sql()
                + orderBy(paging, "") + " limit :limit offset :offset")
                .params(where.params()).param("limit", paging.limit()).param("offset", paging.offset())
                .query(EntityRepository::collection).list();
    }

    long countCollections(String accountId, String name) {
        Where where = collectionsWhere(accountId, name);
        return jdbc.sql("select count(*) from entity_collections where " + where.sql()).params(where.params())
                .query(Long.class).single();
    }

    boolean collectionNameTaken(String accountId, String name, String exceptId) {
        return jdbc.sql("select count(*) from entity_collections where account_id = :accountId and name = :name and id <> :exceptId")
                .param("accountId", accountId).param("name", name).param("exceptId", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    void renameCollection(String accountId, String id, String name, Instant now) {
        jdbc.sql("update entity_collections set name = :name, updated_at = :now where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).param("name", name).param("now", utc(now)).update();
    }

    /** Its entities and their asset rows go with it ({@code on delete cascade}). */
    boolean deleteCollection(String accountId, String id) {
        return jdbc.sql("delete from entity_collections where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).update() == 1;
    }

    private static Where collectionsWhere(String accountId, String name) {
        Where where = Where.of("account_id = :accountId").param("accountId", accountId);
        return name == null ? where : where.and("lower(name) like " + where.bind(contains(name)) + " escape '\\'");
    }

    // Entities

    void insertEntity(String accountId, String collectionId, String id, String name, String metadata, Instant now) {
        jdbc.sql("""
                insert into entities (id, account_id, collection_id, name, metadata, created_at, updated_at)
                values (:id, :accountId, :collectionId, :name, :metadata, :now, :now)""")
                .param("id", id).param("accountId", accountId).param("collectionId", collectionId).param("name", name)
                .param("metadata", metadata).param("now", utc(now)).update();
    }

    Optional<EntityRow> findEntity(String accountId, String collectionId, String id) {
        return jdbc.sql(ENTITY + " where e.account_id = :accountId and e.collection_id = :collectionId and e.id = :id")
                .param("accountId", accountId).param("collectionId", collectionId).param("id", id)
                .query(EntityRepository::entity).optional();
    }

    /** Locks the entity's row, so two changes of its assets do not interleave. */
    boolean lockEntity(String accountId, String collectionId, String id) {
        return !jdbc.sql("""
                select id from entities where account_id = :accountId and collection_id = :collectionId and id = :id
                for update""")
                .param("accountId", accountId).param("collectionId", collectionId).param("id", id)
                .query(String.class).list().isEmpty();
    }

    List<EntityRow> entities(String accountId, EntityFilter filter, ApiPage.Request paging) {
        Where where = entitiesWhere(accountId, filter);
        return jdbc.sql(ENTITY + " where " + where.sql() + orderBy(paging, "e.") + " limit :limit offset :offset")
                .params(where.params()).param("limit", paging.limit()).param("offset", paging.offset())
                .query(EntityRepository::entity).list();
    }

    long countEntities(String accountId, EntityFilter filter) {
        Where where = entitiesWhere(accountId, filter);
        return jdbc.sql("select count(*) from entities e where " + where.sql()).params(where.params())
                .query(Long.class).single();
    }

    private static Where entitiesWhere(String accountId, EntityFilter filter) {
        Where where = Where.of("e.account_id = :accountId").param("accountId", accountId)
                .equal("e.collection_id", filter.collectionId());
        if (filter.assetId() != null) {
            where.and("exists (select 1 from entity_assets l where l.entity_id = e.id and l.account_id = e.account_id"
                    + " and l.asset_id = " + where.bind(filter.assetId()) + ")");
        }
        if (filter.name() != null) {
            where.and("lower(e.name) like " + where.bind(contains(filter.name())) + " escape '\\'");
        }
        if (filter.ready() != null) {
            where.and(filter.ready() ? HAS_ASSETS + " and not " + HAS_PENDING
                    : "(not " + HAS_ASSETS + " or " + HAS_PENDING + ")");
        }
        return where;
    }

    void updateEntity(String accountId, String collectionId, String id, String name, String metadata, Instant now) {
        jdbc.sql("""
                update entities set name = :name, metadata = :metadata, updated_at = :now
                where account_id = :accountId and collection_id = :collectionId and id = :id""")
                .param("accountId", accountId).param("collectionId", collectionId).param("id", id)
                .param("name", name).param("metadata", metadata).param("now", utc(now)).update();
    }

    void touchEntity(String accountId, String collectionId, String id, Instant now) {
        jdbc.sql("update entities set updated_at = :now where account_id = :accountId and collection_id = :collectionId and id = :id")
                .param("accountId", accountId).param("collectionId", collectionId).param("id", id)
                .param("now", utc(now)).update();
    }

    boolean deleteEntity(String accountId, String collectionId, String id) {
        return jdbc.sql("delete from entities where account_id = :accountId and collection_id = :collectionId and id = :id")
                .param("accountId", accountId).param("collectionId", collectionId).param("id", id).update() == 1;
    }

    // Assets of entities

    /** Asset ids of each of the entities, in the order they were given. */
    Map<String, List<String>> assetIds(String accountId, Collection<String> entityIds) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        if (entityIds.isEmpty()) {
            return ids;
        }
        jdbc.sql("""
                select entity_id, asset_id from entity_assets where account_id = :accountId and entity_id in (:ids)
                order by entity_id, position""")
                .param("accountId", accountId).param("ids", entityIds)
                .query((rs, row) -> Map.entry(rs.getString("entity_id"), rs.getString("asset_id"))).list()
                .forEach(link -> ids.computeIfAbsent(link.getKey(), key -> new java.util.ArrayList<>()).add(link.getValue()));
        return ids;
    }

    void addAsset(String accountId, String collectionId, String entityId, String assetId, int position, boolean ready) {
        jdbc.sql("""
                insert into entity_assets (entity_id, account_id, collection_id, asset_id, position, ready)
                values (:entityId, :accountId, :collectionId, :assetId, :position, :ready)""")
                .param("entityId", entityId).param("accountId", accountId).param("collectionId", collectionId)
                .param("assetId", assetId).param("position", position).param("ready", ready).update();
    }

    int nextPosition(String accountId, String entityId) {
        return jdbc.sql("select coalesce(max(position) + 1, 0) from entity_assets where account_id = :accountId and entity_id = :entityId")
                .param("accountId", accountId).param("entityId", entityId).query(Integer.class).single();
    }

    void removeAssets(String accountId, String entityId, Collection<String> assetIds) {
        jdbc.sql("delete from entity_assets where account_id = :accountId and entity_id = :entityId and asset_id in (:ids)")
                .param("accountId", accountId).param("entityId", entityId).param("ids", assetIds).update();
    }

    /**
     * Asset ids not yet known to be ready images: of the collection's entities, or (no collection) of the entities
     * that have the asset.
     */
    List<String> pendingAssetIds(String accountId, String collectionId, String withAssetId) {
        Where where = Where.of("p.account_id = :accountId and p.ready = false").param("accountId", accountId)
                .equal("p.collection_id", collectionId);
        if (withAssetId != null) {
            where.and("p.entity_id in (select l.entity_id from entity_assets l where l.account_id = :accountId"
                    + " and l.asset_id = " + where.bind(withAssetId) + ")");
        }
        return jdbc.sql("select distinct p.asset_id from entity_assets p where " + where.sql()).params(where.params())
                .query(String.class).list();
    }

    void markReady(String accountId, Collection<String> assetIds) {
        if (!assetIds.isEmpty()) {
            jdbc.sql("update entity_assets set ready = true where account_id = :accountId and asset_id in (:ids)")
                    .param("accountId", accountId).param("ids", assetIds).update();
        }
    }

    /** Entities that had the asset; its rows are then deleted. */
    List<String> removeAssetEverywhere(String accountId, String assetId, Instant now) {
        List<String> entityIds = jdbc.sql("select entity_id from entity_assets where account_id = :accountId and asset_id = :assetId")
                .param("accountId", accountId).param("assetId", assetId).query(String.class).list();
        if (!entityIds.isEmpty()) {
            jdbc.sql("delete from entity_assets where account_id = :accountId and asset_id = :assetId")
                    .param("accountId", accountId).param("assetId", assetId).update();
            jdbc.sql("update entities set updated_at = :now where account_id = :accountId and id in (:ids)")
                    .param("accountId", accountId).param("ids", entityIds).param("now", utc(now)).update();
        }
        return entityIds;
    }

    /** The order of a page: its sort field, then the id, so that rows with one value keep one order. */
    private static String orderBy(ApiPage.Request paging, String table) {
        String column = switch (paging.sortBy()) {
            case "name" -> "name";
            case "updated_at" -> "updated_at";
            default -> "created_at";
        };
        String direction = paging.descending() ? " desc" : " asc";
        return " order by " + table + column + direction + ", " + table + "id" + direction;
    }

    private static String contains(String text) {
        return "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static CollectionRow collection(ResultSet rs, int row) throws SQLException {
        return new CollectionRow(rs.getString("id"), rs.getString("name"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static EntityRow entity(ResultSet rs, int row) throws SQLException {
        return new EntityRow(rs.getString("id"), rs.getString("collection_id"), rs.getString("name"),
                rs.getString("metadata"), rs.getLong("asset_count"), rs.getLong("pending_count"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
