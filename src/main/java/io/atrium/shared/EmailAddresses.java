package io.atrium.shared;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place that decides what an acceptable email address is and how two addresses compare
 * (case-insensitively). Deliberately stricter than RFC 5322: no quoted local parts, no IP literals, no
 * whitespace or control characters, so an address can never smuggle a mail header.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 254;

    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@"
                    + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        return address != null
                && address.length() <= MAX_LENGTH
                && address.indexOf('@') <= 64
                && ADDRESS.matcher(address).matches();
    }

    /**
     * Checks a submitted address and returns it stripped of surrounding whitespace.
     *
     * @throws InvalidInputException naming {@code field} when the address is missing or malformed
     */
    public static String require(String field, String raw) {
        String address = raw == null ? "" : raw.strip();
        if (address.isEmpty()) {
            throw new InvalidInputException(field, "parameter_not_provided", "Enter an email address.");
        }
        if (!isValid(address)) {
            throw new InvalidInputException(field, "parameter_invalid",
                    "Enter a valid email address, like name@example.com.");
        }
        return address;
    }

    /** The form used to compare and look up addresses. */
    public static String key(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
