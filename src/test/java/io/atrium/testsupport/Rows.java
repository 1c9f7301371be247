package io.atrium.testsupport;

import static io.atrium.shared.SqlTime.utc;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows a repository slice test ({@link RepositoryTest}) needs around the ones it tests, written in SQL as the
 * application writes them: organization accounts and their indexes, each named by its id.
 */
public final class Rows {

    private final JdbcClient jdbc;
    private final Instant at;

    /** @param at when the rows were made */
    public Rows(JdbcClient jdbc, Instant at) {
        this.jdbc = jdbc;
        this.at = at;
    }

    public void account(String id) {
        jdbc.sql("insert into accounts (id, kind, name, created_at, updated_at) values (:id, 'organization', :id, :t, :t)")
                .param("id", id).param("t", utc(at)).update();
    }

    /** An index without models or addons, which no repository test reads. */
    public void index(String id, String accountId) {
        jdbc.sql("""
                insert into indexes (id, account_id, name, models, addons, created_at, updated_at)
                values (:id, :accountId, :id, '[]', '[]', :t, :t)""")
                .param("id", id).param("accountId", accountId).param("t", utc(at)).update();
    }
}
