package io.atrium.video.multipart;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Multipart uploads and their reported chunks, always read within their account; the clean-up job alone reads across. */
@Repository
class MultipartUploadRepository {

    private static final String COLUMNS = "id, account_id, asset_id, object_key, storage_upload_id, status, total_size, "
            + "chunk_size, total_chunks, created_at, updated_at, expires_at";
    private static final String CHUNK_COLUMNS = "chunk_index, status, size, etag, error_message, uploaded_at, updated_at";

    /** The counts and bytes of an upload's reported chunks. */
    record Totals(int completed, int failed, long completedBytes) {
    }

    private final JdbcClient jdbc;

    MultipartUploadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UploadRow upload) {
        jdbc.sql("""
                insert into multipart_uploads (id, account_id, asset_id, object_key, storage_upload_id, status,
                    total_size, chunk_size, total_chunks, created_at, updated_at, expires_at)
                values (:id, :accountId, :assetId, :objectKey, :storageUploadId, :status, :totalSize, :chunkSize,
                    :totalChunks, :createdAt, :createdAt, :expiresAt)""")
                .param("id", upload.id()).param("accountId", upload.accountId()).param("assetId", upload.assetId())
                .param("objectKey", upload.objectKey()).param("storageUploadId", upload.storageUploadId())
                .param("status", upload.status()).param("totalSize", upload.totalSize())
                .param("chunkSize", upload.chunkSize()).param("totalChunks", upload.totalChunks())
                .param("createdAt", utc(upload.createdAt())).param("expiresAt", utc(upload.expiresAt()))
                .update();
    }

    Optional<UploadRow> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from multipart_uploads where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).query(MultipartUploadRepository::map).optional();
    }

    /** Takes a row lock, so that two reports of an upload's last chunks cannot both put its file together. */
    Optional<UploadRow> lock(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from multipart_uploads where account_id = :accountId and id = :id for update")
                .param("accountId", accountId).param("id", id).query(MultipartUploadRepository::map).optional();
    }

    /** The account's uploads still taking chunks, newest first. */
    List<UploadRow> activePage(String accountId, Instant now, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + """
                 from multipart_uploads where account_id = :accountId and status = 'active' and expires_at > :now
                order by created_at desc, id desc limit :limit offset :offset""")
                .param("accountId", accountId).param("now", utc(now)).param("limit", limit).param("offset", offset)
                .query(MultipartUploadRepository::map).list();
    }

    long countActive(String accountId, Instant now) {
        return jdbc.sql("""
                select count(*) from multipart_uploads
                where account_id = :accountId and status = 'active' and expires_at > :now""")
                .param("accountId", accountId).param("now", utc(now)).query(Long.class).single();
    }

    void markCompleted(String accountId, String id, Instant now) {
        jdbc.sql("""
                update multipart_uploads set status = 'completed', updated_at = :now
                where account_id = :accountId and id = :id""")
                .param("accountId", accountId).param("id", id).param("now", utc(now)).update();
    }

    void touch(String accountId, String id, Instant now) {
        jdbc.sql("update multipart_uploads set updated_at = :now where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).param("now", utc(now)).update();
    }

    /** Active uploads past their expiry, oldest first, across accounts: for the clean-up job only. */
    List<UploadRow> expiredActive(Instant now, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from multipart_uploads where status = 'active' and expires_at <= :now
                order by expires_at, id limit :limit""")
                .param("now", utc(now)).param("limit", limit).query(MultipartUploadRepository::map).list();
    }

    /** @return whether this call expired it (not another node's, nor a completion that came first) */
    boolean markExpired(String accountId, String id, Instant now) {
        return jdbc.sql("""
                update multipart_uploads set status = 'expired', updated_at = :now
                where account_id = :accountId and id = :id and status = 'active' and expires_at <= :now""")
                .param("accountId", accountId).param("id", id).param("now", utc(now)).update() == 1;
    }

    List<ChunkRow> chunks(String accountId, String uploadId, int fromIndex, int toIndex) {
        return jdbc.sql("select " + CHUNK_COLUMNS + """
                 from multipart_upload_chunks
                where account_id = :accountId and upload_id = :uploadId and chunk_index between :from and :to
                order by chunk_index""")
                .param("accountId", accountId).param("uploadId", uploadId).param("from", fromIndex).param("to", toIndex)
                .query(MultipartUploadRepository::mapChunk).list();
    }

    List<ChunkRow> completedChunks(String accountId, String uploadId) {
        return jdbc.sql("select " + CHUNK_COLUMNS + """
                 from multipart_upload_chunks
                where account_id = :accountId and upload_id = :uploadId and status = 'completed' order by chunk_index""")
                .param("accountId", accountId).param("uploadId", uploadId)
                .query(MultipartUploadRepository::mapChunk).list();
    }

    Totals totals(String accountId, String uploadId) {
        return jdbc.sql("""
                select coalesce(sum(case when status = 'completed' then 1 else 0 end), 0) as completed,
                    coalesce(sum(case when status = 'failed' then 1 else 0 end), 0) as failed,
                    coalesce(sum(case when status = 'completed' then size else 0 end), 0) as bytes
                from multipart_upload_chunks where account_id = :accountId and upload_id = :uploadId""")
                .param("accountId", accountId).param("uploadId", uploadId)
                .query((rs, row) -> new Totals(rs.getInt("completed"), rs.getInt("failed"), rs.getLong("bytes")))
                .single();
    }

    /** Records a chunk's report, replacing an earlier one (a failed chunk sent and reported again). */
    void saveChunk(String accountId, String uploadId, ChunkRow chunk) {
        int updated = jdbc.sql("""
                update multipart_upload_chunks set status = :status, size = :size, etag = :etag,
                    error_message = :error, uploaded_at = :uploadedAt, updated_at = :updatedAt
                where account_id = :accountId and upload_id = :uploadId and chunk_index = :index""")
                .param("accountId", accountId).param("uploadId", uploadId).param("index", chunk.index())
                .param("status", chunk.status()).param("size", chunk.size()).param("etag", chunk.eTag())
                .param("error", chunk.errorMessage())
                .param("uploadedAt", chunk.uploadedAt() == null ? null : utc(chunk.uploadedAt()))
                .param("updatedAt", utc(chunk.updatedAt())).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into multipart_upload_chunks (upload_id, account_id, chunk_index, status, size, etag,
                        error_message, uploaded_at, updated_at)
                    values (:uploadId, :accountId, :index, :status, :size, :etag, :error, :uploadedAt, :updatedAt)""")
                    .param("accountId", accountId).param("uploadId", uploadId).param("index", chunk.index())
                    .param("status", chunk.status()).param("size", chunk.size()).param("etag", chunk.eTag())
                    .param("error", chunk.errorMessage())
                    .param("uploadedAt", chunk.uploadedAt() == null ? null : utc(chunk.uploadedAt()))
                    .param("updatedAt", utc(chunk.updatedAt())).update();
        }
    }

    private static UploadRow map(ResultSet rs, int row) throws SQLException {
        return new UploadRow(rs.getString("id"), rs.getString("account_id"), rs.getString("asset_id"),
                rs.getString("object_key"), rs.getString("storage_upload_id"), rs.getString("status"),
                rs.getLong("total_size"), rs.getLong("chunk_size"), rs.getInt("total_chunks"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "expires_at"));
    }

    private static ChunkRow mapChunk(ResultSet rs, int row) throws SQLException {
        return new ChunkRow(rs.getInt("chunk_index"), rs.getString("status"), rs.getLong("size"), rs.getString("etag"),
                rs.getString("error_message"), instant(rs, "uploaded_at"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
