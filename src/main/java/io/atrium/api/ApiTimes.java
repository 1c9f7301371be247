package io.atrium.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import io.atrium.shared.InvalidInputException;

/** Times given in API query parameters, such as the {@code created_at} and {@code updated_at} filters of lists. */
public final class ApiTimes {

    private ApiTimes() {
    }

    /**
     * The time a "created or updated at or after" filter compares with: an RFC 3339 time as given, a date
     * ({@code 2026-11-28}) as the start of that UTC day; {@code null} when the parameter is absent or blank.
     *
     * @throws InvalidInputException for anything else
     */
    public static Instant atOrAfter(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(parameter, "parameter_invalid",
                    parameter + " must be a date (2026-11-28) or an RFC 3339 time.");
        }
    }
}
