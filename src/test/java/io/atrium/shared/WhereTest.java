package io.atrium.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

class WhereTest {

    @Test
    void valuesAreBoundNeverWrittenIntoTheSql() {
        Where where = Where.of("account_id = :accountId").param("accountId", "a1")
                .equal("filename", "x' or 1=1 --")
                .equal("width", null)
                .atOrAfter("created_at", Instant.parse("2026-03-01T09:30:00Z"))
                .atOrAfter("updated_at", null);

        assertThat(where.sql()).isEqualTo("account_id = :accountId and filename = :p0 and created_at >= :p1");
        assertThat(where.params()).containsOnly(
                entry("accountId", "a1"),
                entry("p0", "x' or 1=1 --"),
                entry("p1", OffsetDateTime.parse("2026-03-01T09:30Z")));
    }
}
