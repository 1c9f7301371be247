package io.atrium.video.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 31: gives the {@code video_metadata} rows written before V30 their index and their value key.
 * The key is computed here, in Java, as the application computes it ({@link MetadataKeys#of}): H2 and PostgreSQL
 * count the characters of a string differently (UTF-16 units against code points), so SQL could cut a long value
 * elsewhere than a filter's key does. Values short enough to be their own key take one SQL statement.
 */
@Component
class VideoMetadataKeysFill implements JavaMigration {

    private static final int BATCH = 500;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("31");
    }

    @Override
    public String getDescription() {
        return "video metadata index and value keys";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        fill(context.getConnection());
    }

    /** Fills the rows that have no index or no key yet; rows that have them are left as they are. */
    void fill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("update video_metadata set index_id = (select v.index_id from videos v "
                    + "where v.id = video_metadata.video_id) where index_id is null");
            // 32 characters by either count are at most 64 by the other: such a value is its own key
            statement.executeUpdate("update video_metadata set value_key = value_text "
                    + "where value_key is null and char_length(value_text) <= " + MetadataKeys.LENGTH / 2);
        }
        try (Statement rows = connection.createStatement();
             PreparedStatement update = connection.prepareStatement(
                     "update video_metadata set value_key = ? where video_id = ? and name = ?")) {
            rows.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet row = rows.executeQuery(
                    "select video_id, name, value_text from video_metadata where value_key is null")) {
                while (row.next()) {
                    update.setString(1, MetadataKeys.of(row.getString(3)));
                    update.setString(2, row.getString(1));
                    update.setString(3, row.getString(2));
                    update.addBatch();
                    if (++pending >= BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
    }
}
