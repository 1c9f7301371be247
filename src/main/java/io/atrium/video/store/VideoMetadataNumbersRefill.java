package io.atrium.video.store;

import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Flyway migration 23: writes every video's metadata rows anew, now that a number's text is its plain form
 * ({@link UserMetadata#numberText}): rows written before said {@code 5.0} where a filter for {@code 5} looks for
 * {@code 5}.
 */
@Component
class VideoMetadataNumbersRefill implements JavaMigration {

    private final JsonMapper json;

    VideoMetadataNumbersRefill(JsonMapper json) {
        this.json = json;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("23");
    }

    @Override
    public String getDescription() {
        return "video metadata numbers in plain form";
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
        try (Statement delete = context.getConnection().createStatement()) {
            delete.executeUpdate("delete from video_metadata");
        }
        VideoMetadataBackfill.fill(json, context.getConnection());
    }
}
