package io.atrium.video;

import java.time.Instant;
import java.util.Locale;

/**
 * Where the HLS rendition of a stored media object stands.
 *
 * @param updatedAt when the status last changed
 * @param error why packaging failed, for operators and logs; {@code null} unless {@link Status#ERROR}
 */
public record HlsState(Status status, Instant updatedAt, String error) {

    /** Pending until a node takes the job, processing while FFmpeg works, then ready or error for good. */
    public enum Status {
        PENDING, PROCESSING, READY, ERROR;

        /** As the database stores it. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }

        public boolean isFinished() {
            return this == READY || this == ERROR;
        }
    }
}
