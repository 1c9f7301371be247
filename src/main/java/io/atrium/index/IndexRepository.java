package io.atrium.index;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.shared.Where;

@Repository
class IndexRepository {

    /** An index row with its video totals, which the video feature keeps with every video added or deleted. */
    record IndexRow(String id, String name, String modelsJson, String addonsJson, long videoCount,
            double totalDuration, Instant createdAt, Instant updatedAt) {
    }

    private static final String SELECT = """
            select i.id, i.name, i.models, i.addons, i.created_at, i.updated_at,
                   i.video_count, i.video_duration_us / 1000000.0 as total_duration
            from indexes i
            """;

    private final JdbcClient jdbc;

    IndexRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, String id, String name, String modelsJson, String addonsJson, Instant now) {
        jdbc.sql("""
                insert into indexes (id, account_id, name, models, addons, created_at, updated_at)
                values (:id, :accountId, :name, :models, :addons, :now, :now)""")
                .param("id", id).param("accountId", accountId).param("name", name)
                .param("models", modelsJson).param("addons", addonsJson).param("now", utc(now))
                .update();
    }

    Optional<IndexRow> find(String accountId, String id) {
        return jdbc.sql(SELECT + " where i.account_id = :accountId and i.id = :id")
                .param("accountId", accountId).param("id", id)
                .query(IndexRepository::map).optional();
    }

    boolean exists(String accountId, String id) {
        return jdbc.sql("select count(*) from indexes where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).query(Long.class).single() > 0;
    }

    /**
     * The account's indexes, newest first, that have the filter's name and days. Its models are not looked at
     * here: they are a JSON text, and H2 and PostgreSQL share no way of querying one.
     */
    List<IndexRow> ofAccount(String accountId, IndexFilter filter) {
        Where where = Where.of("i.account_id = :accountId").param("accountId", accountId)
                .equal("i.name", filter.name())
                .atOrAfter("i.created_at", filter.createdFrom())
                .atOrAfter("i.updated_at", filter.updatedFrom());
        return jdbc.sql(SELECT + " where " + where.sql() + " order by i.created_at desc, i.id desc")
                .params(where.params())
                .query(IndexRepository::map).list();
    }

    boolean nameTaken(String accountId, String name, String exceptId) {
        return jdbc.sql("select count(*) from indexes where account_id = :accountId and name = :name and id <> :exceptId")
                .param("accountId", accountId).param("name", name).param("exceptId", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    boolean rename(String accountId, String id, String name, Instant now) {
        return jdbc.sql("update indexes set name = :name, updated_at = :now where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id).param("name", name).param("now", utc(now))
                .update() == 1;
    }

    /** The index's videos go with it ({@code on delete cascade}). */
    boolean delete(String accountId, String id) {
        return jdbc.sql("delete from indexes where account_id = :accountId and id = :id")
                .param("accountId", accountId).param("id", id)
                .update() == 1;
    }

    private static IndexRow map(ResultSet rs, int row) throws SQLException {
        return new IndexRow(rs.getString("id"), rs.getString("name"), rs.getString("models"), rs.getString("addons"),
                rs.getLong("video_count"), rs.getDouble("total_duration"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
