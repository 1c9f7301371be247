package io.atrium.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One of a user's sessions as Profile > Sessions shows it.
 *
 * @param handle names the session in the page and its forms instead of its id: whoever reads the page (or a
 *               screenshot of it) must not be able to use another of the user's sessions ({@link #handleOf})
 * @param address {@code null} when unknown
 * @param current whether this is the session of the request that asked
 */
record SessionView(String handle, String browser, String address, Instant startedAt, Instant lastActiveAt,
        boolean current) {

    static SessionView of(String sessionId, SignIn signIn, Instant lastActiveAt, boolean current) {
        return new SessionView(handleOf(sessionId), signIn.browser(), signIn.address(), signIn.at(), lastActiveAt,
                current);
    }

    /**
     * The first 128 bits of the id's SHA-256, in hex: the id cannot be worked back from it, and a form's handle is
     * matched only against the asking user's own sessions, so it needs no secret.
     */
    static String handleOf(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
