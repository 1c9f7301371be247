package io.atrium.video.store;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.shared.Where;
import io.atrium.video.AssetFilter;
import io.atrium.video.AssetStatus;
import io.atrium.video.AssetType;

/** Assets, always read within their account; the worker alone reads one by its id. */
@Repository
public class AssetRepository {

    private static final String COLUMNS = "id, account_id, method, status, asset_type, filename, file_type, object_key, "
            + "source_url, size, duration, technical_metadata, enable_hls, enable_thumbnail, thumbnail_status, "
            + "user_metadata, error_message, created_at, updated_at";

    private final JdbcClient jdbc;

    AssetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(AssetRow asset) {
        jdbc.sql("""
                insert into assets (id, account_id, method, status, asset_type, filename, object_key, source_url,
                    size, enable_hls, enable_thumbnail, thumbnail_status, user_metadata, created_at, updated_at)
                values (:id, :accountId, :method, :status, :type, :filename, :objectKey, :sourceUrl,
                    :size, :hls, :thumbnail, :thumbnailStatus, :metadata, :now, :now)""")
                .param("id", asset.id()).param("accountId", asset.accountId()).param("method", asset.method())
                .param("status", asset.status().stored())
                .param("type", asset.type() == null ? null : asset.type().value())
                .param("filename", asset.filename()).param("objectKey", asset.objectKey())
                .param("sourceUrl", asset.sourceUrl()).param("size", asset.size())
                .param("hls", asset.enableHls()).param("thumbnail", asset.enableThumbnail())
                .param("thumbnailStatus", asset.thumbnailStatus()).param("metadata", asset.userMetadata())
                .param("now", utc(asset.createdAt()))
                .update();
    }

    public Optional<AssetRow> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from assets where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id)
                .query(AssetRepository::map).optional();
    }

    /** The asset for its worker, which knows only the job's id. */
    public Optional<AssetRow> findForWorker(String id) {
        return jdbc.sql("select " + COLUMNS + " from assets where id = :id").param("id", id)
                .query(AssetRepository::map).optional();
    }

    /** Takes a row lock, so that deleting an asset and indexing it cannot pass each other. */
    public Optional<AssetRow> lock(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from assets where account_id = :accountId and id = :id for update")
                .param("accountId", accountId).param("id", id)
                .query(AssetRepository::map).optional();
    }

    public List<AssetRow> page(String accountId, AssetFilter filter, String sortBy, boolean descending, int limit,
            long offset) {
        Where where = where(accountId, filter);
        String column = sortBy.equals("updated_at") ? "updated_at" : "created_at";
        String direction = descending ? " desc" : " asc";
        return jdbc.sql("select " + COLUMNS + " from assets where " + where.sql() + " order by " + column + direction
                        + ", id" + direction + " limit :limit offset :offset")
                .params(where.params()).param("limit", limit).param("offset", offset)
                .query(AssetRepository::map).list();
    }

    public long count(String accountId, AssetFilter filter) {
        Where where = where(accountId, filter);
        return jdbc.sql("select count(*) from assets where " + where.sql()).params(where.params())
                .query(Long.class).single();
    }

    private static Where where(String accountId, AssetFilter filter) {
        Where where = Where.of("account_id = :accountId").param("accountId", accountId);
        if (filter.assetIds() != null) {
            where.and(filter.assetIds().isEmpty() ? "1 = 0" : "id in (" + where.bind(filter.assetIds()) + ")");
        }
        if (filter.types() != null) {
            where.and(filter.types().isEmpty() ? "1 = 0"
                    : "asset_type in (" + where.bind(filter.types().stream().map(AssetType::value).toList()) + ")");
        }
        if (filter.filename() != null) {
            String pattern = "%" + filter.filename().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.and("lower(filename) like " + where.bind(pattern) + " escape '\\'");
        }
        return where;
    }

    /** Status and type of those of the given assets that are the account's. */
    public Map<String, AssetRow> ofAccount(String accountId, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("select " + COLUMNS + " from assets where account_id = :accountId and id in (:ids)")
                .param("accountId", accountId).param("ids", ids)
                .query(AssetRepository::map).list().stream()
                .collect(Collectors.toMap(AssetRow::id, asset -> asset));
    }

    public long totalSize(String accountId) {
        return jdbc.sql("select coalesce(sum(size), 0) from assets where account_id = :accountId")
                .param("accountId", accountId).query(Long.class).single();
    }

    public void updateMetadata(String accountId, String id, String userMetadata, Instant now) {
        jdbc.sql("update assets set user_metadata = :metadata, updated_at = :now where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).param("metadata", userMetadata).param("now", utc(now))
                .update();
    }

    /** The chunks of a multipart upload have all arrived: its file is whole under the key. */
    public boolean markUploaded(String accountId, String id, String objectKey, long size, Instant now) {
        return jdbc.sql("""
                update assets set status = :processing, object_key = :objectKey, size = :size, updated_at = :now
                where account_id = :accountId and id = :id and status = :uploading""")
                .param("accountId", accountId).param("id", id).param("objectKey", objectKey).param("size", size)
                .param("processing", AssetStatus.PROCESSING.stored())
                .param("uploading", AssetStatus.UPLOADING.stored()).param("now", utc(now))
                .update() == 1;
    }

    /** The file of a {@code url} asset, once downloaded into storage. */
    public void recordDownload(String id, String objectKey, long size, Instant now) {
        jdbc.sql("update assets set object_key = :objectKey, size = :size, updated_at = :now where id = :id")
                .param("id", id).param("objectKey", objectKey).param("size", size).param("now", utc(now)).update();
    }

    public void recordDescription(String id, AssetType type, String fileType, Double duration, String technicalMetadata,
            Instant now) {
        jdbc.sql("""
                update assets set asset_type = :type, file_type = :fileType, duration = :duration,
                    technical_metadata = :technical, status = :ready, updated_at = :now
                where id = :id""")
                .param("id", id).param("type", type.value()).param("fileType", fileType).param("duration", duration)
                .param("technical", technicalMetadata).param("ready", AssetStatus.READY.stored())
                .param("now", utc(now)).update();
    }

    public void recordThumbnail(String id, String status, Instant now) {
        jdbc.sql("update assets set thumbnail_status = :status, updated_at = :now where id = :id")
                .param("id", id).param("status", status).param("now", utc(now)).update();
    }

    /** The file is dropped with the failure: a failed asset leaves no stored file behind. */
    public void fail(String id, String message, Instant now) {
        jdbc.sql("""
                update assets set status = :failed, error_message = :message, object_key = null,
                    thumbnail_status = case when thumbnail_status is null then null else 'error' end, updated_at = :now
                where id = :id""")
                .param("id", id).param("failed", AssetStatus.FAILED.stored()).param("message", message)
                .param("now", utc(now)).update();
    }

    /** Counts one more attempt at processing an asset. @return the attempts made, this one included */
    public int countAttempt(String id) {
        jdbc.sql("update assets set attempts = attempts + 1 where id = :id").param("id", id).update();
        return jdbc.sql("select attempts from assets where id = :id").param("id", id).query(Integer.class).single();
    }

    public boolean delete(String accountId, String id) {
        return jdbc.sql("delete from assets where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).update() == 1;
    }

    private static AssetRow map(ResultSet rs, int row) throws SQLException {
        String type = rs.getString("asset_type");
        return new AssetRow(rs.getString("id"), rs.getString("account_id"), rs.getString("method"),
                AssetStatus.ofStored(rs.getString("status")), type == null ? null : AssetType.of(type).orElse(null),
                rs.getString("filename"), rs.getString("file_type"), rs.getString("object_key"),
                rs.getString("source_url"), rs.getObject("size", Long.class), rs.getObject("duration", Double.class),
                rs.getString("technical_metadata"), rs.getBoolean("enable_hls"), rs.getBoolean("enable_thumbnail"),
                rs.getString("thumbnail_status"), rs.getString("user_metadata"), rs.getString("error_message"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
