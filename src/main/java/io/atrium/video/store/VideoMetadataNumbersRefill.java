package io.atrium.video.store;

import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Flyway migration 23: writes every video's metadata rows anew, now that a number's text is its plain form
 * ({@link UserMetadata#numberText}): rows written before said {@code 5.0} where a filter for {@code 5} looks for
 * {@code 5}.
 */
@Component
class VideoMetadataNumbersRefill extends VideoMetadataRowsMigration {

    VideoMetadataNumbersRefill(JsonMapper json) {
        super(json, "23", "video metadata numbers in plain form");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement delete = context.getConnection().createStatement()) {
            delete.executeUpdate("delete from video_metadata");
        }
        backfill(context.getConnection());
    }
}
