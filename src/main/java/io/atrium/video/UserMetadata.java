package io.atrium.video;

import java.util.LinkedHashMap;
import java.util.Map;

import io.atrium.shared.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** User metadata of a video: a flat JSON object of strings, numbers and booleans (api.md, Tasks and Videos). */
final class UserMetadata {

    static final int MAX_KEYS = 100;
    static final int MAX_JSON_LENGTH = 10_000;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private UserMetadata() {
    }

    /** Parses the JSON string sent with an upload; {@code null} or blank means none. */
    static Map<String, Object> parse(JsonMapper json, String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        if (text.length() > MAX_JSON_LENGTH) {
            throw invalid("user_metadata is too long: at most " + MAX_JSON_LENGTH + " characters of JSON.");
        }
        try {
            return requireScalars(json.readValue(text, MAP));
        } catch (JacksonException e) {
            throw invalid("user_metadata must be a JSON object, such as {\"category\": \"news\"}.");
        }
    }

    static Map<String, Object> read(JsonMapper json, String stored) {
        return stored == null ? Map.of() : json.readValue(stored, MAP);
    }

    /**
     * Each value as the text a list filter compares with: {@code ?category=news} finds {@code "news"},
     * {@code ?minute=12} finds {@code 12}, {@code ?live=true} finds {@code true}.
     */
    static Map<String, String> texts(JsonMapper json, String stored) {
        Map<String, String> texts = new LinkedHashMap<>();
        read(json, stored).forEach((key, value) -> texts.put(key, String.valueOf(value)));
        return texts;
    }

    /** Values must be strings, numbers or booleans; when {@code allowNull}, a null removes the key (merge). */
    static Map<String, Object> requireScalars(Map<String, Object> values, boolean allowNull) {
        if (values.size() > MAX_KEYS) {
            throw invalid("user_metadata may have at most " + MAX_KEYS + " keys.");
        }
        values.forEach((key, value) -> {
            if (key.isBlank() || key.length() > 100) {
                throw invalid("user_metadata keys must be 1 to 100 characters.");
            }
            boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
            if (!scalar && !(allowNull && value == null)) {
                throw invalid("The value of " + key + " must be a string, a number or a boolean.");
            }
        });
        return values;
    }

    private static Map<String, Object> requireScalars(Map<String, Object> values) {
        return requireScalars(values, false);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("user_metadata", "parameter_invalid", message);
    }
}
