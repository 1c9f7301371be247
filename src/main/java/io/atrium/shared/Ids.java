package io.atrium.shared;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Identifiers of 24 lowercase hex characters, as the API promises: 4 bytes of creation time (seconds)
 * followed by 8 random bytes, so ids sort roughly by creation and cannot be guessed.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {
    }

    public static String newId(Instant now) {
        byte[] bytes = new byte[12];
        long seconds = now.getEpochSecond();
        bytes[0] = (byte) (seconds >>> 24);
        bytes[1] = (byte) (seconds >>> 16);
        bytes[2] = (byte) (seconds >>> 8);
        bytes[3] = (byte) seconds;
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        System.arraycopy(random, 0, bytes, 4, 8);
        return HEX.formatHex(bytes);
    }

    public static boolean isValid(String id) {
        return id != null && id.length() == 24 && id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
