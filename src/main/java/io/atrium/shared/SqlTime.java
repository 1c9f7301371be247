package io.atrium.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants as timestamp parameters. An {@link OffsetDateTime} in UTC binds the same on PostgreSQL and H2 whatever
 * the JVM's or the session's time zone, which a bare {@link Instant} does not.
 */
public final class SqlTime {

    private SqlTime() {
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Where the UTC day begins; the day after's start is where it ends. */
    public static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
