package io.atrium.video.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.atrium.shared.Ids;
import io.atrium.testsupport.ApiClient;
import io.atrium.testsupport.IntegrationTest;

/**
 * Flyway migration 10 fills {@code video_metadata} for the videos that existed before it, once; migration 23 writes the
 * rows anew with numbers in their plain form.
 */
@IntegrationTest
class VideoMetadataBackfillTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Autowired
    ApiClient api;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    VideoMetadataBackfill backfill;
    @Autowired
    VideoMetadataNumbersRefill refill;
    @Autowired
    VideoMetadataKeysFill keys;

    @Test
    void theBackfillGivesVideosFromBeforeTheMetadataTableTheirRowsOnce() throws Exception {
        String key = api.newKey("backfill");
        String index = api.as(key).createIndex("Backfill");
        String older = seed(index, "old.mp4");
        jdbc.sql("update videos set user_metadata = :m where id = :v")
                .param("m", "{\"category\":\"archive\",\"year\":1999,\"ratio\":1.50,\"colour\":false}").param("v", older).update();
        String list = "/v1.3/indexes/" + index + "/videos";
        api.as(key).perform(get(list).param("category", "archive")).andExpect(jsonPath("$.data").value(empty()));

        try (Connection connection = dataSource.getConnection()) {
            backfill.backfill(connection);
            backfill.backfill(connection);
            // then migration 31, as on every database that comes from before it
            keys.fill(connection);
        }
        listsOfARestartedServer();

        api.as(key).perform(get(list).param("category", "archive").param("year", "1999").param("ratio", "1.5").param("colour", "false"))
                .andExpect(jsonPath("$.data[*]._id").value(contains(older)));
        assertThat(jdbc.sql("select count(*) from video_metadata where video_id = :v").param("v", older)
                .query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void theRefillWritesNumbersInTheirPlainFormSoAFilterFindsThemHoweverTheyAreWritten() throws Exception {
        String key = api.newKey("refill");
        String index = api.as(key).createIndex("Refill");
        String video = seed(index, "priced.mp4");
        String account = jdbc.sql("select account_id from videos where id = :v").param("v", video).query(String.class).single();
        jdbc.sql("update videos set user_metadata = :m where id = :v").param("m", "{\"price\":5.0}").param("v", video).update();
        // the row as the application wrote it before numbers had a plain form
        jdbc.sql("insert into video_metadata (video_id, account_id, name, value_text) values (:v, :a, 'price', '5.0')")
                .param("v", video).param("a", account).update();
        String list = "/v1.3/indexes/" + index + "/videos";
        api.as(key).perform(get(list).param("price", "5")).andExpect(jsonPath("$.data").value(empty()));

        try (Connection connection = dataSource.getConnection()) {
            refill.migrate(new MigrationContext(connection));
            keys.fill(connection);
        }
        listsOfARestartedServer();

        assertThat(jdbc.sql("select value_text from video_metadata where video_id = :v").param("v", video)
                .query(String.class).list()).containsExactly("5");
        api.as(key).perform(get(list).param("price", "5")).andExpect(jsonPath("$.data[*]._id").value(contains(video)));
    }

    /**
     * Migrations run before a server serves, so no node has read a list from before them; this server has, so the
     * lists get new versions, and it reads them afresh as a restarted one would.
     */
    private void listsOfARestartedServer() {
        jdbc.sql("update indexes set video_list_version = nextval('video_list_versions')").update();
    }

    /** What Flyway hands a Java migration: the connection is all these migrations use. */
    private record MigrationContext(Connection connection) implements org.flywaydb.core.api.migration.Context {

        @Override
        public org.flywaydb.core.api.configuration.Configuration getConfiguration() {
            throw new UnsupportedOperationException("not used by the migration");
        }

        @Override
        public Connection getConnection() {
            return connection;
        }
    }

    /** A video row as the task worker wrote it before the metadata table existed. */
    private String seed(String index, String filename) {
        String id = Ids.newId(T0);
        String account = jdbc.sql("select account_id from indexes where id = :i").param("i", index).query(String.class).single();
        jdbc.sql("""
                insert into videos (id, account_id, index_id, filename, duration, fps, width, height, size,
                    created_at, updated_at, indexed_at)
                values (:id, :account, :index, :filename, 10, 25.0, 640, 360, 10, :at, :at, :at)""")
                .param("id", id).param("account", account).param("index", index).param("filename", filename)
                .param("at", T0.atOffset(ZoneOffset.UTC))
                .update();
        return id;
    }
}
