package io.atrium.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import io.atrium.account.TwoFactorRepository.TwoFactorRow;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.SealedSecrets;
import io.atrium.shared.ServerSecret;

/**
 * Two-factor log-in with an authenticator app (RFC 6238): setting it up (a secret confirmed by a first code),
 * recovery codes, turning it off, and the second step of log-in. The secret is sealed under the master secret for its
 * user; a recovery code is kept as its SHA-256 only (16 random characters, about 82 bits: a fast hash is enough,
 * and nothing can be guessed offline). A code is accepted once: the time step of the last one used is kept, and a
 * recovery code is marked used, each by a single conditional update.
 */
@Service
class TwoFactorService implements SealedSecrets {

    static final String CODE_INCORRECT = "code_incorrect";
    static final int RECOVERY_CODE_COUNT = 10;
    static final String SECRET_PURPOSE = "two-factor";

    private static final int RECOVERY_CODE_LENGTH = 16;

    /** The user's setting as the profile page shows it; {@code pendingSecret} while set-up waits for a first code. */
    record Setting(boolean enabled, String pendingSecret, int recoveryCodesLeft) {

        @Override
        public String toString() {
            return "Setting[enabled=" + enabled + "]";
        }
    }

    private enum Factor { APP_CODE, RECOVERY_CODE }

    private final TwoFactorRepository twoFactor;
    private final UserRepository users;
    private final AccountRepository accounts;
    private final TotpCodes codes;
    private final ServerSecret serverSecret;
    private final AuditLog audit;
    private final Clock clock;
    private final RecoveryCodeGenerator recoveryCodes = new RecoveryCodeGenerator();

    TwoFactorService(TwoFactorRepository twoFactor, UserRepository users, AccountRepository accounts, TotpCodes codes,
            ServerSecret serverSecret, AuditLog audit, Clock clock) {
        this.twoFactor = twoFactor;
        this.users = users;
        this.accounts = accounts;
        this.codes = codes;
        this.serverSecret = serverSecret;
        this.audit = audit;
        this.clock = clock;
    }

    Setting setting(String userId) {
        return twoFactor.find(userId)
                .map(row -> row.enabled() ? new Setting(true, null, twoFactor.unusedRecoveryCodes(userId))
                        : new Setting(false, open(row), 0))
                .orElse(new Setting(false, null, 0));
    }

    boolean enabled(String userId) {
        return twoFactor.find(userId).filter(TwoFactorRow::enabled).isPresent();
    }

    /** A new secret for the user to add to their app; replaces one they did not confirm. */
    @Transactional
    void startSetUp(String userId) {
        twoFactor.startSetUp(userId, serverSecret.seal(SECRET_PURPOSE, userId, codes.newSecret()), clock.instant());
    }

    /**
     * Turns two-factor on once a code of the new secret proves the app has it.
     *
     * @return the recovery codes, to be shown this once
     * @throws InvalidInputException when the code is wrong, or set-up was not started
     */
    @Transactional
    List<String> enable(String userId, String code) {
        TwoFactorRow pending = twoFactor.find(userId).filter(row -> !row.enabled())
                .orElseThrow(() -> new InvalidInputException("code", "two_factor_not_pending",
                        "Two-factor authentication is not being set up. Start again."));
        OptionalLong step = codes.matchingStep(open(pending), code);
        if (step.isEmpty() || !twoFactor.enable(userId, step.getAsLong(), clock.instant())) {
            throw incorrect();
        }
        List<String> recovery = newRecoveryCodes(userId);
        audit.record(personalAccountId(userId), userId, AuditAction.TWO_FACTOR_ENABLED, email(userId), null);
        return recovery;
    }

    /** @throws InvalidInputException unless the code is a current one of the app or an unused recovery code */
    @Transactional
    void disable(String userId, String code) {
        if (check(userId, code).isEmpty()) {
            throw incorrect();
        }
        twoFactor.delete(userId);
        audit.record(personalAccountId(userId), userId, AuditAction.TWO_FACTOR_DISABLED, email(userId), null);
    }

    /**
     * Replaces every recovery code by new ones.
     *
     * @return the new codes, to be shown this once
     * @throws InvalidInputException unless the code is a current one of the app or an unused recovery code
     */
    @Transactional
    List<String> regenerateRecoveryCodes(String userId, String code) {
        if (check(userId, code).isEmpty()) {
            throw incorrect();
        }
        List<String> codes = newRecoveryCodes(userId);
        audit.record(personalAccountId(userId), userId, AuditAction.RECOVERY_CODES_REPLACED, email(userId), null);
        return codes;
    }

    /** The second step of log-in: whether the code completes it. A recovery code used here is audited. */
    @Transactional
    boolean completesLogIn(String userId, String code) {
        Optional<Factor> factor = check(userId, code);
        if (factor.isPresent() && factor.get() == Factor.RECOVERY_CODE) {
            audit.record(personalAccountId(userId), userId, AuditAction.RECOVERY_CODE_USED, email(userId),
                    "left=" + twoFactor.unusedRecoveryCodes(userId));
        }
        return factor.isPresent();
    }

    /**
     * Seals every secret again under the current master key (after a rotation, with the old key in
     * {@code atrium.previous-secret-keys}).
     *
     * @return how many secrets were sealed again
     */
    @Override
    public String kind() {
        return "two-factor secret(s)";
    }

    @Override
    @Transactional
    public int sealSecretsUnderCurrentKey() {
        int resealed = 0;
        for (TwoFactorRow row : twoFactor.all()) {
            if (!serverSecret.isCurrent(row.secretSealed())) {
                twoFactor.replaceSealedSecret(row.userId(), serverSecret.seal(SECRET_PURPOSE, row.userId(), open(row)));
                resealed++;
            }
        }
        return resealed;
    }

    /** Uses the code if it is a current app code not used before, or an unused recovery code of the user. */
    private Optional<Factor> check(String userId, String code) {
        Optional<TwoFactorRow> row = twoFactor.find(userId).filter(TwoFactorRow::enabled);
        if (row.isEmpty() || code == null) {
            return Optional.empty();
        }
        if (TotpCodes.looksLikeCode(code)) {
            OptionalLong step = codes.matchingStep(open(row.get()), code);
            return step.isPresent() && twoFactor.useStep(userId, step.getAsLong())
                    ? Optional.of(Factor.APP_CODE) : Optional.empty();
        }
        String recoveryCode = code.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return recoveryCode.length() == RECOVERY_CODE_LENGTH
                && twoFactor.useRecoveryCode(userId, hash(recoveryCode), clock.instant())
                ? Optional.of(Factor.RECOVERY_CODE) : Optional.empty();
    }

    private List<String> newRecoveryCodes(String userId) {
        List<String> recovery = Arrays.asList(recoveryCodes.generateCodes(RECOVERY_CODE_COUNT));
        twoFactor.replaceRecoveryCodes(userId, recovery.stream().map(c -> hash(c.replace("-", ""))).toList());
        return recovery;
    }

    private String open(TwoFactorRow row) {
        return serverSecret.open(SECRET_PURPOSE, row.userId(), row.secretSealed());
    }

    private static String hash(String recoveryCode) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(recoveryCode.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static InvalidInputException incorrect() {
        return new InvalidInputException("code", CODE_INCORRECT,
                "That code is not right, or was already used. Enter the current code from your app.");
    }

    private String personalAccountId(String userId) {
        return accounts.findPersonal(userId).orElseThrow().id();
    }

    private String email(String userId) {
        return users.findById(userId).map(UserRow::email).orElse(userId);
    }
}
