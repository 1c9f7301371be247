package io.atrium.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server's master secret ({@code atrium.secret-key}, 32 bytes in base64). In embedded mode, when it is not
 * configured, it is generated once into {@code <data dir>/secret.key} with owner-only permissions. Every node
 * of a cluster must be given the same value. Features derive their own keys from it by purpose, so one use
 * can never stand in for another.
 *
 * <p>Secrets kept in the database are sealed with AES-256-GCM under a key derived from the master secret. A
 * sealed value names the master secret it was sealed under (by a fingerprint), so after a rotation the values
 * sealed under a key listed in {@code atrium.previous-secret-keys} can still be opened until they are sealed
 * again under the current one.
 */
@Component
public class ServerSecret {

    private static final String SEALED_VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] master;
    private final List<byte[]> previous;
    private final SecureRandom random = new SecureRandom();

    public ServerSecret(@Value("${atrium.secret-key:}") String configured,
            @Value("${atrium.previous-secret-keys:}") List<String> previousKeys, AtriumProperties properties) {
        this.master = configured.isBlank() ? loadOrCreate(properties.dataDir().resolve("secret.key"))
                : decode(configured);
        this.previous = previousKeys.stream().filter(key -> !key.isBlank()).map(ServerSecret::decode).toList();
    }

    /**
     * Encrypts a secret for storage, bound to its purpose and to the record it belongs to ({@code context}), so a
     * sealed value copied to another record or purpose does not open.
     *
     * @return {@code v1.<fingerprint of the master secret>.<base64url of nonce, ciphertext and tag>}
     */
    public String seal(String purpose, String context, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, master, purpose, context, nonce,
                secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[nonce.length + sealed.length];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return SEALED_VERSION + "." + fingerprint(master) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /**
     * @throws IllegalStateException when the value was sealed under a master secret this server no longer knows,
     *     or was altered, or belongs to another record or purpose
     */
    public String open(String purpose, String context, String sealed) {
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals(SEALED_VERSION)) {
            throw new IllegalStateException("Not a sealed secret");
        }
        byte[] key = keyFor(parts[1]);
        byte[] bytes = Base64.getUrlDecoder().decode(parts[2]);
        byte[] nonce = Arrays.copyOfRange(bytes, 0, NONCE_BYTES);
        byte[] ciphertext = Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
        return new String(crypt(Cipher.DECRYPT_MODE, key, purpose, context, nonce, ciphertext), StandardCharsets.UTF_8);
    }

    /** Whether a sealed value is sealed under the current master secret (else it should be sealed again). */
    public boolean isCurrent(String sealed) {
        String[] parts = sealed.split("\\.", 3);
        return parts.length == 3 && parts[1].equals(fingerprint(master));
    }

    private byte[] keyFor(String fingerprint) {
        if (fingerprint.equals(fingerprint(master))) {
            return master;
        }
        return previous.stream().filter(key -> fingerprint(key).equals(fingerprint)).findFirst()
                .orElseThrow(() -> new IllegalStateException("This secret was sealed under a master key this server "
                        + "does not have (set atrium.previous-secret-keys to open it)"));
    }

    private static byte[] crypt(int mode, byte[] masterKey, String purpose, String context, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(derive(masterKey, "seal:" + purpose), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD((purpose + "\n" + context).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("A sealed secret does not open: altered, or sealed for another record", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** Names a master secret without revealing it. */
    private static String fingerprint(byte[] masterKey) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    Arrays.copyOf(derive(masterKey, "fingerprint"), 6));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** HMAC-SHA256 of the message under the key for this purpose, base64url without padding. */
    public String sign(String purpose, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derive(purpose), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    /** Whether the signature is this server's for the message, compared in constant time. */
    public boolean verify(String purpose, String message, String signature) {
        return signature != null && java.security.MessageDigest.isEqual(
                sign(purpose, message).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] derive(String purpose) throws GeneralSecurityException {
        return derive(master, purpose);
    }

    private static byte[] derive(byte[] masterKey, String purpose) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
        return mac.doFinal(("atrium:" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] decode(String base64) {
        byte[] key = Base64.getDecoder().decode(base64.strip());
        if (key.length < 32) {
            throw new IllegalStateException("atrium.secret-key must be at least 32 bytes, base64-encoded");
        }
        return key;
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file));
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path created = Files.createFile(file);
            try {
                Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: the data directory's own protection applies
            }
            Files.writeString(created, Base64.getEncoder().encodeToString(key));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }
}
