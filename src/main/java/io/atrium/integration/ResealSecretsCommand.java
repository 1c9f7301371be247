package io.atrium.integration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.atrium.AtriumApplication;

/**
 * {@code java -jar atrium.jar reseal-secrets}: after the master key was rotated (the new one in
 * {@code atrium.secret-key}, the old one in {@code atrium.previous-secret-keys}), seals every integration
 * secret again under the new key, so the old key can be dropped.
 */
@Component
class ResealSecretsCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ResealSecretsCommand.class);

    private final IntegrationService integrations;

    ResealSecretsCommand(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (arguments.getNonOptionArgs().contains(AtriumApplication.RESEAL_SECRETS)) {
            int resealed = integrations.sealSecretsUnderCurrentKey();
            log.info("Sealed {} integration secret(s) again under the current master key; every secret is now "
                    + "sealed under it, and atrium.previous-secret-keys can be removed.", resealed);
        }
    }
}
