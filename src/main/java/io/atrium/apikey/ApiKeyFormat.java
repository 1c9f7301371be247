package io.atrium.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The key format (R-KEY-3): {@code atk_<key id>_<secret><checksum>}, all base62.
 * <ul>
 * <li>{@code atk_}: a fixed prefix, so scanners and people recognise an Atrium key;</li>
 * <li>a 12-character public key id, stored in clear, used to find the key and safe to log;</li>
 * <li>a 32-character secret from a CSPRNG: 190 bits, of which only a SHA-256 hash is stored;</li>
 * <li>a 6-character CRC32 of everything before it, so a mistyped or made-up key is rejected offline.</li>
 * </ul>
 */
final class ApiKeyFormat {

    static final String PREFIX = "atk_";
    static final int KEY_ID_LENGTH = 12;
    static final int SECRET_LENGTH = 32;
    static final int CHECKSUM_LENGTH = 6;

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern FORMAT = Pattern.compile(
            "^atk_([0-9A-Za-z]{" + KEY_ID_LENGTH + "})_([0-9A-Za-z]{" + SECRET_LENGTH + "})([0-9A-Za-z]{" + CHECKSUM_LENGTH + "})$");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key taken apart. */
    record ParsedKey(String keyId, String secret) {
    }

    /** A new key: the full value (shown once) and its parts. */
    record NewKey(String value, String keyId, String secretHash) {
    }

    private ApiKeyFormat() {
    }

    static NewKey generate() {
        return withNewSecret(random(KEY_ID_LENGTH));
    }

    /** A new secret for an existing key id: what a rotation gives (the key's id, and so its prefix, stay). */
    static NewKey withNewSecret(String keyId) {
        String secret = random(SECRET_LENGTH);
        String body = PREFIX + keyId + "_" + secret;
        return new NewKey(body + checksum(body), keyId, hash(secret));
    }

    /** Empty when the value does not have the format or its checksum is wrong. */
    static Optional<ParsedKey> parse(String value) {
        if (value == null || value.length() != PREFIX.length() + KEY_ID_LENGTH + 1 + SECRET_LENGTH + CHECKSUM_LENGTH) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String body = value.substring(0, value.length() - CHECKSUM_LENGTH);
        if (!checksum(body).equals(matcher.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new ParsedKey(matcher.group(1), matcher.group(2)));
    }

    /** The part of a key that lists may show: prefix and key id. */
    static String displayPrefix(String keyId) {
        return PREFIX + keyId;
    }

    /** SHA-256, hex. A fast hash is right here: the secret has 190 random bits, nothing to brute-force. */
    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares two hashes in time that does not depend on where they differ. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] chars = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            chars[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(chars);
    }

    private static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = BASE62.charAt(RANDOM.nextInt(62));
        }
        return new String(chars);
    }
}
