package io.atrium.video.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

import tools.jackson.databind.json.JsonMapper;

/**
 * A Flyway migration in Java that writes {@code video_metadata} rows from the videos' user metadata JSON. Written in
 * Java because the value texts must be exactly those the application writes ({@link UserMetadata#texts}), and H2 and
 * PostgreSQL share no function that takes a JSON object apart.
 */
abstract class VideoMetadataRowsMigration implements JavaMigration {

    private static final int BATCH = 500;

    private final JsonMapper json;
    private final String version;
    private final String description;

    VideoMetadataRowsMigration(JsonMapper json, String version, String description) {
        this.json = json;
        this.version = version;
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    /** Adds the metadata rows of every video that has user metadata and no rows yet. */
    void backfill(Connection connection) throws SQLException {
        try (Statement videos = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into video_metadata (video_id, account_id, name, value_text) values (?, ?, ?, ?)")) {
            videos.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rows = videos.executeQuery("select v.id, v.account_id, v.user_metadata from videos v "
                    + "where v.user_metadata is not null "
                    + "and not exists (select 1 from video_metadata m where m.video_id = v.id)")) {
                while (rows.next()) {
                    for (Map.Entry<String, String> entry : UserMetadata.texts(json, rows.getString(3)).entrySet()) {
                        insert.setString(1, rows.getString(1));
                        insert.setString(2, rows.getString(2));
                        insert.setString(3, entry.getKey());
                        insert.setString(4, entry.getValue());
                        insert.addBatch();
                        pending++;
                    }
                    if (pending >= BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }
}
