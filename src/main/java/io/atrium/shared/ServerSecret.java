package io.atrium.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server's master secret ({@code atrium.secret-key}, 32 bytes in base64). In embedded mode, when it is not
 * configured, it is generated once into {@code <data dir>/secret.key} with owner-only permissions. Every node
 * of a cluster must be given the same value. Features derive their own keys from it by purpose, so one use
 * can never stand in for another.
 */
@Component
public class ServerSecret {

    private final byte[] master;

    ServerSecret(@Value("${atrium.secret-key:}") String configured, AtriumProperties properties) {
        this.master = configured.isBlank() ? loadOrCreate(properties.dataDir().resolve("secret.key"))
                : decode(configured);
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
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(master, "HmacSHA256"));
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
