package io.atrium.shared;

import java.util.Locale;

/** Rules for the names people and organizations carry, and the initials the profile icon shows (R-SW-1). */
public final class DisplayNames {

    public static final int MAX_LENGTH = 100;

    private DisplayNames() {
    }

    /**
     * Checks a submitted name and returns it stripped of surrounding whitespace.
     *
     * @throws InvalidInputException naming {@code field} when the name is empty, too long, or carries
     *     control characters (which could break out of a mail header or a log line)
     */
    public static String require(String field, String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException(field, "parameter_not_provided", "Enter a name.");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new InvalidInputException(field, "parameter_invalid",
                    "Use at most " + MAX_LENGTH + " characters.");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "parameter_invalid",
                    "The name contains characters that are not allowed.");
        }
        return name;
    }

    /** First letters of the first and last words ("Ada Lovelace" → "AL"), or of the only word ("Ada" → "A"). */
    public static String initials(String name) {
        String[] words = name.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return "?";
        }
        String first = firstLetter(words[0]);
        if (words.length == 1) {
            return first;
        }
        return first + firstLetter(words[words.length - 1]);
    }

    private static String firstLetter(String word) {
        return new String(Character.toChars(word.codePointAt(0))).toUpperCase(Locale.ROOT);
    }
}
