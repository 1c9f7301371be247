package io.atrium.video.store;

import java.sql.SQLException;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Flyway migration 10: fills {@code video_metadata} (made by V6) for the videos that existed before it. */
@Component
class VideoMetadataBackfill extends VideoMetadataRowsMigration {

    VideoMetadataBackfill(JsonMapper json) {
        super(json, "10", "video metadata backfill");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        backfill(context.getConnection());
    }
}
