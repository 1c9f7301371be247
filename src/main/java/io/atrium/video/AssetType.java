package io.atrium.video;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an asset holds, as the API names it. */
public enum AssetType {
    VIDEO, AUDIO, IMAGE;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AssetType> of(String value) {
        return Arrays.stream(values()).filter(type -> type.value().equals(value)).findFirst();
    }
}
