package io.atrium.video.store;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.atrium.shared.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * User metadata of a video: a flat JSON object of strings, numbers and booleans (api.md, Tasks and Videos). One set
 * of limits holds on every path that writes it (an upload's form field, a merge, a replacement), measured on what
 * would be stored: at most {@value #MAX_KEYS} keys of 1 to {@value #MAX_KEY_LENGTH} characters, string values of at
 * most {@value #MAX_VALUE_LENGTH} characters, and {@value #MAX_JSON_LENGTH} characters of JSON in all.
 */
public final class UserMetadata {

    static final int MAX_KEYS = 100;
    static final int MAX_KEY_LENGTH = 100;
    static final int MAX_VALUE_LENGTH = 2_000;
    static final int MAX_JSON_LENGTH = 10_000;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private UserMetadata() {
    }

    /** Parses the JSON string sent with an upload; {@code null} or blank means none. */
    public static Map<String, Object> parse(JsonMapper json, String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        // Larger JSON could only be refused once parsed, so it is refused before.
        if (text.length() > MAX_JSON_LENGTH) {
            throw tooLarge("user_metadata is too large: at most " + MAX_JSON_LENGTH + " characters of JSON.");
        }
        Map<String, Object> values;
        try {
            values = json.readValue(text, MAP);
        } catch (JacksonException e) {
            throw invalid("user_metadata must be a JSON object, such as {\"category\": \"news\"}.");
        }
        return requireStorable(json, values);
    }

    public static Map<String, Object> read(JsonMapper json, String stored) {
        return stored == null ? Map.of() : json.readValue(stored, MAP);
    }

    /**
     * Each value as the text a list filter compares with: {@code ?category=news} finds {@code "news"},
     * {@code ?minute=12} finds {@code 12}, {@code ?live=true} finds {@code true}. A number is written in its
     * {@link #numberText plain form}, so {@code 5.0} and {@code 5} are one value.
     */
    public static Map<String, String> texts(JsonMapper json, String stored) {
        Map<String, String> texts = new LinkedHashMap<>();
        read(json, stored).forEach((key, value) -> texts.put(key, value instanceof Number number
                ? numberText(number.toString()).orElse(number.toString()) : String.valueOf(value)));
        return texts;
    }

    /**
     * The plain form of a number, the same however it was written ({@code 5}, {@code 5.0}, {@code 5e0} are all
     * {@code 5}; {@code 1.50} is {@code 1.5}); empty when the text is not a number.
     */
    public static Optional<String> numberText(String text) {
        try {
            BigDecimal number = new BigDecimal(text.strip());
            return Optional.of(number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString());
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return Optional.empty();
        }
    }

    /**
     * Checks a change before it is merged: each key and value on its own (a {@code null} value removes its key).
     * The merged whole is then checked with {@link #requireStorable}.
     */
    public static void requireChange(Map<String, Object> changes) {
        if (changes.size() > MAX_KEYS) {
            throw tooLarge("user_metadata may have at most " + MAX_KEYS + " keys.");
        }
        changes.forEach((key, value) -> requireEntry(key, value, true));
    }

    /**
     * The stored metadata with a change merged in: given keys are set, a {@code null} value removes its key, others
     * stay. Both are checked: the change with {@link #requireChange}, the result with {@link #requireStorable}.
     *
     * @return the JSON to store, {@code null} when nothing is left
     * @throws io.atrium.shared.InvalidInputException for values or sizes outside the limits
     */
    public static String merge(JsonMapper json, String stored, Map<String, Object> changes) {
        requireChange(changes);
        Map<String, Object> merged = new java.util.LinkedHashMap<>(read(json, stored));
        changes.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        requireStorable(json, merged);
        return merged.isEmpty() ? null : json.writeValueAsString(merged);
    }

    /**
     * Checks metadata as it would be stored: scalar values and every limit.
     *
     * @throws InvalidInputException with code {@code user_metadata_too_large} for a limit, {@code parameter_invalid}
     *     for a value of the wrong kind
     */
    public static Map<String, Object> requireStorable(JsonMapper json, Map<String, Object> values) {
        if (values.size() > MAX_KEYS) {
            throw tooLarge("user_metadata may have at most " + MAX_KEYS + " keys.");
        }
        values.forEach((key, value) -> requireEntry(key, value, false));
        if (json.writeValueAsString(values).length() > MAX_JSON_LENGTH) {
            throw tooLarge("user_metadata is too large: at most " + MAX_JSON_LENGTH + " characters of JSON in all.");
        }
        return values;
    }

    private static void requireEntry(String key, Object value, boolean allowNull) {
        if (key.isBlank()) {
            throw invalid("user_metadata keys must not be blank.");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw tooLarge("user_metadata keys may have at most " + MAX_KEY_LENGTH + " characters.");
        }
        boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
        if (!scalar && !(allowNull && value == null)) {
            throw invalid("The value of " + key + " must be a string, a number or a boolean.");
        }
        if (value instanceof String text && text.length() > MAX_VALUE_LENGTH) {
            throw tooLarge("The value of " + key + " is too long: at most " + MAX_VALUE_LENGTH + " characters.");
        }
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("user_metadata", "parameter_invalid", message);
    }

    private static InvalidInputException tooLarge(String message) {
        return new InvalidInputException("user_metadata", "user_metadata_too_large", message);
    }
}
