package io.atrium.entity;

import java.util.Map;

import io.atrium.shared.InvalidInputException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metadata of an entity: a flat JSON object of strings, numbers and booleans, held to the same limits as the user
 * metadata of videos and assets ({@value #MAX_KEYS} keys of 1 to {@value #MAX_KEY_LENGTH} characters, strings of at
 * most {@value #MAX_VALUE_LENGTH} characters, {@value #MAX_JSON_LENGTH} characters of JSON in all). Those rules live
 * inside {@code video} and name the {@code user_metadata} field in their messages, so entities check their own
 * {@code metadata} field here rather than reaching into that feature's internals.
 */
final class EntityMetadata {

    static final int MAX_KEYS = 100;
    static final int MAX_KEY_LENGTH = 100;
    static final int MAX_VALUE_LENGTH = 2_000;
    static final int MAX_JSON_LENGTH = 10_000;
    private static final TypeReference<java.util.LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private EntityMetadata() {
    }

    /**
     * Checks metadata as sent and returns the JSON to store, {@code null} for none (absent or empty).
     *
     * @throws InvalidInputException {@code parameter_invalid} for a value that is not a string, number or boolean or a
     *     blank key, {@code metadata_too_large} for a limit
     */
    static String toStored(JsonMapper json, Map<String, Object> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        if (metadata.size() > MAX_KEYS) {
            throw tooLarge("metadata may have at most " + MAX_KEYS + " keys.");
        }
        metadata.forEach((key, value) -> {
            if (key.isBlank()) {
                throw new InvalidInputException("metadata", "parameter_invalid", "metadata keys must not be blank.");
            }
            if (key.length() > MAX_KEY_LENGTH) {
                throw tooLarge("metadata keys may have at most " + MAX_KEY_LENGTH + " characters.");
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new InvalidInputException("metadata", "parameter_invalid",
                        "The value of " + key + " in metadata must be a string, a number or a boolean.");
            }
            if (value instanceof String text && text.length() > MAX_VALUE_LENGTH) {
                throw tooLarge("The value of " + key + " in metadata is too long: at most " + MAX_VALUE_LENGTH
                        + " characters.");
            }
        });
        String stored = json.writeValueAsString(metadata);
        if (stored.length() > MAX_JSON_LENGTH) {
            throw tooLarge("metadata is too large: at most " + MAX_JSON_LENGTH + " characters of JSON in all.");
        }
        return stored;
    }

    static Map<String, Object> read(JsonMapper json, String stored) {
        return stored == null ? Map.of() : json.readValue(stored, MAP);
    }

    private static InvalidInputException tooLarge(String message) {
        return new InvalidInputException("metadata", "metadata_too_large", message);
    }
}
