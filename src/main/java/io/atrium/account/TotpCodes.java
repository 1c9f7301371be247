package io.atrium.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.secret.SecretGenerator;

/**
 * Time-based one-time codes (RFC 6238) as every authenticator app reads them: SHA-1, 6 digits, 30-second steps. A
 * code of the step before or after the current one is accepted too, for clocks a little apart. Which step matched is
 * returned, so that the caller can refuse a code of a step already used (the library's verifier does not say).
 */
@Component
class TotpCodes {

    static final int PERIOD_SECONDS = 30;
    private static final int DIGITS = 6;
    private static final String ISSUER = "Atrium";

    /** 32 base32 characters: 160 bits, the key length RFC 4226 recommends for HMAC-SHA-1. */
    private final SecretGenerator secrets = new DefaultSecretGenerator(32);
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
    private final Clock clock;

    TotpCodes(Clock clock) {
        this.clock = clock;
    }

    String newSecret() {
        return secrets.generate();
    }

    /** The {@code otpauth://} URI an authenticator app reads from the QR code. */
    String uri(String secret, String email) {
        return new QrData.Builder().label(email).secret(secret).issuer(ISSUER).algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS).period(PERIOD_SECONDS).build().getUri();
    }

    /** Whether the text has the shape of a code (six digits, spaces allowed), rather than of a recovery code. */
    static boolean looksLikeCode(String text) {
        return text != null && text.replace(" ", "").matches("[0-9]{" + DIGITS + "}");
    }

    /** The time step whose code this is, among the current one and its two neighbours; empty for a wrong code. */
    OptionalLong matchingStep(String secret, String code) {
        if (!looksLikeCode(code)) {
            return OptionalLong.empty();
        }
        byte[] given = code.replace(" ", "").getBytes(StandardCharsets.US_ASCII);
        long now = clock.instant().getEpochSecond() / PERIOD_SECONDS;
        OptionalLong matched = OptionalLong.empty();
        // every step is computed and compared in constant time, so the time taken tells nothing about the code
        for (long step = now - 1; step <= now + 1; step++) {
            if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), given)) {
                matched = OptionalLong.of(step);
            }
        }
        return matched;
    }

    private String code(String secret, long step) {
        try {
            return codes.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every JDK and the secret is ours", e);
        }
    }
}
