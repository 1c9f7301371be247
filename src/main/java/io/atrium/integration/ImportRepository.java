package io.atrium.integration;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Imports and the objects they took up, always read through their integration within the account (R-RES-3). */
@Repository
class ImportRepository {

    record ImportRow(String id, String accountId, String integrationId, String indexId, boolean incremental,
            boolean retryFailed, Instant createdAt, Instant endedAt) {
    }

    record ItemRow(String id, String importId, String indexId, String objectKey, String filename, long size,
            String etag, String taskId, String videoId, String errorMessage, Instant createdAt) {
    }

    private static final String IMPORT_COLUMNS = "id, account_id, integration_id, index_id, incremental, retry_failed, "
            + "created_at, ended_at";
    private static final String ITEM_COLUMNS = "id, import_id, index_id, object_key, filename, size, etag, task_id, "
            + "video_id, error_message, created_at";

    private final JdbcClient jdbc;

    ImportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ImportRow row) {
        jdbc.sql("""
                insert into integration_imports (id, account_id, integration_id, index_id, incremental, retry_failed,
                    created_at, ended_at)
                values (:id, :accountId, :integrationId, :indexId, :incremental, :retryFailed, :createdAt, :endedAt)""")
                .param("id", row.id()).param("accountId", row.accountId()).param("integrationId", row.integrationId())
                .param("indexId", row.indexId()).param("incremental", row.incremental())
                .param("retryFailed", row.retryFailed()).param("createdAt", utc(row.createdAt()))
                .param("endedAt", row.endedAt() == null ? null : utc(row.endedAt()))
                .update();
    }

    void insertItem(String accountId, String integrationId, ItemRow item) {
        jdbc.sql("""
                insert into import_items (id, account_id, import_id, integration_id, index_id, object_key, filename,
                    size, etag, task_id, video_id, error_message, created_at)
                values (:id, :accountId, :importId, :integrationId, :indexId, :objectKey, :filename, :size, :etag,
                    :taskId, :videoId, :error, :createdAt)""")
                .param("id", item.id()).param("accountId", accountId).param("importId", item.importId())
                .param("integrationId", integrationId).param("indexId", item.indexId())
                .param("objectKey", item.objectKey()).param("filename", item.filename()).param("size", item.size())
                .param("etag", item.etag()).param("taskId", item.taskId()).param("videoId", item.videoId())
                .param("error", item.errorMessage()).param("createdAt", utc(item.createdAt()))
                .update();
    }

    Optional<ImportRow> running(String accountId, String integrationId) {
        return jdbc.sql("select " + IMPORT_COLUMNS + " from integration_imports where account_id = :accountId "
                        + "and integration_id = :integrationId and ended_at is null")
                .param("accountId", accountId).param("integrationId", integrationId)
                .query(ImportRepository::mapImport).optional();
    }

    List<ImportRow> ofIntegration(String accountId, String integrationId) {
        return jdbc.sql("select " + IMPORT_COLUMNS + " from integration_imports where account_id = :accountId "
                        + "and integration_id = :integrationId order by created_at desc, id desc")
                .param("accountId", accountId).param("integrationId", integrationId)
                .query(ImportRepository::mapImport).list();
    }

    Optional<ImportRow> latest(String accountId, String integrationId) {
        return jdbc.sql("select " + IMPORT_COLUMNS + " from integration_imports where account_id = :accountId "
                        + "and integration_id = :integrationId order by created_at desc, id desc limit 1")
                .param("accountId", accountId).param("integrationId", integrationId)
                .query(ImportRepository::mapImport).optional();
    }

    /** @return whether it ended now (false when it had already ended) */
    boolean end(String accountId, String importId, Instant endedAt) {
        return jdbc.sql("update integration_imports set ended_at = :endedAt where account_id = :accountId and id = :id and ended_at is null")
                .param("accountId", accountId).param("id", importId).param("endedAt", utc(endedAt)).update() == 1;
    }

    /**
     * The running import that queued a task, locked until the transaction ends: imports whose last two tasks finish
     * at once see each other's outcome one after the other.
     */
    Optional<ImportRow> lockRunningWithTask(String accountId, String taskId) {
        // from the account's running imports (one at most per integration), through their items' import_id index
        return jdbc.sql("select " + IMPORT_COLUMNS + " from integration_imports where account_id = :accountId "
                        + "and ended_at is null and exists (select 1 from import_items "
                        + "where import_items.import_id = integration_imports.id and import_items.task_id = :taskId) "
                        + "for update")
                .param("accountId", accountId).param("taskId", taskId)
                .query(ImportRepository::mapImport).optional();
    }

    List<ItemRow> itemsOf(String accountId, String importId) {
        return jdbc.sql("select " + ITEM_COLUMNS + " from import_items where account_id = :accountId and import_id = :importId "
                        + "order by created_at, id")
                .param("accountId", accountId).param("importId", importId)
                .query(ImportRepository::mapItem).list();
    }

    /** Every object this integration took up into the index, oldest first. */
    List<ItemRow> itemsInto(String accountId, String integrationId, String indexId) {
        return jdbc.sql("select " + ITEM_COLUMNS + " from import_items where account_id = :accountId "
                        + "and integration_id = :integrationId and index_id = :indexId order by created_at, id")
                .param("accountId", accountId).param("integrationId", integrationId).param("indexId", indexId)
                .query(ImportRepository::mapItem).list();
    }

    /** Imported objects of any integration of the account that made videos in the index: to recognize content. */
    List<ItemRow> videosInto(String accountId, String indexId) {
        return jdbc.sql("select " + ITEM_COLUMNS + " from import_items where account_id = :accountId "
                        + "and index_id = :indexId and video_id is not null")
                .param("accountId", accountId).param("indexId", indexId)
                .query(ImportRepository::mapItem).list();
    }

    private static ImportRow mapImport(ResultSet rs, int row) throws SQLException {
        OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
        return new ImportRow(rs.getString("id"), rs.getString("account_id"), rs.getString("integration_id"),
                rs.getString("index_id"), rs.getBoolean("incremental"), rs.getBoolean("retry_failed"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), ended == null ? null : ended.toInstant());
    }

    private static ItemRow mapItem(ResultSet rs, int row) throws SQLException {
        return new ItemRow(rs.getString("id"), rs.getString("import_id"), rs.getString("index_id"),
                rs.getString("object_key"), rs.getString("filename"), rs.getLong("size"), rs.getString("etag"),
                rs.getString("task_id"), rs.getString("video_id"), rs.getString("error_message"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
