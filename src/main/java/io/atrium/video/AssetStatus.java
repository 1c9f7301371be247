package io.atrium.video;

import java.util.Locale;

/**
 * Where an asset stands. {@link #UPLOADING} is a multipart upload whose chunks have not all arrived; the API shows
 * it as {@code processing}, the only word its shape has for "not ready yet".
 */
public enum AssetStatus {
    UPLOADING, PROCESSING, READY, FAILED;

    /** The column value. */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The API's word: failed, processing or ready. */
    public String value() {
        return this == UPLOADING ? "processing" : stored();
    }

    /** The badge pages show the status in, as for tasks: red once failed, green once ready, amber meanwhile. */
    public String badge() {
        return switch (this) {
            case FAILED -> "badge-danger";
            case READY -> "badge-success";
            case UPLOADING, PROCESSING -> "badge-warning";
        };
    }

    /** How pages name the status. */
    public String label() {
        return this == UPLOADING ? "Uploading" : value().substring(0, 1).toUpperCase(Locale.ROOT) + value().substring(1);
    }

    public static AssetStatus ofStored(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
