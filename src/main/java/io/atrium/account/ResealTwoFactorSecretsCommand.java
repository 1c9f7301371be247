package io.atrium.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.atrium.AtriumApplication;

/**
 * {@code java -jar atrium.jar reseal-secrets}, for the two-factor secrets (the integrations' secrets are sealed again
 * by their own feature): after the master key was rotated, seals each again under the new key, so the old key can be
 * dropped without locking out the users who log in with two factors.
 */
@Component
// before the integrations' command, whose closing line says every secret is now sealed under the new key
@Order(Ordered.HIGHEST_PRECEDENCE)
class ResealTwoFactorSecretsCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ResealTwoFactorSecretsCommand.class);

    private final TwoFactorService twoFactor;

    ResealTwoFactorSecretsCommand(TwoFactorService twoFactor) {
        this.twoFactor = twoFactor;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (arguments.getNonOptionArgs().contains(AtriumApplication.RESEAL_SECRETS)) {
            log.info("Sealed {} two-factor secret(s) again under the current master key.",
                    twoFactor.sealSecretsUnderCurrentKey());
        }
    }
}
