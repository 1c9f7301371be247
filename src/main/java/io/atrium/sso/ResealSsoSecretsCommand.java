package io.atrium.sso;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.atrium.AtriumApplication;

/**
 * {@code java -jar atrium.jar reseal-secrets} also seals the organizations' single sign-on client secrets again
 * under the current master key, next to the integrations' secrets, so the old key can be dropped.
 */
@Component
class ResealSsoSecretsCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ResealSsoSecretsCommand.class);

    private final SsoSettingsService sso;

    ResealSsoSecretsCommand(SsoSettingsService sso) {
        this.sso = sso;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (arguments.getNonOptionArgs().contains(AtriumApplication.RESEAL_SECRETS)) {
            log.info("Sealed {} single sign-on client secret(s) again under the current master key.",
                    sso.sealSecretsUnderCurrentKey());
        }
    }
}
