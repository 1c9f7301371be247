package io.atrium;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.atrium.shared.SealedSecrets;

/**
 * {@code java -jar atrium.jar reseal-secrets}, run after the master key was replaced (the new one as
 * {@code atrium.secret-key}, the old one in {@code atrium.previous-secret-keys}): seals every feature's secrets again
 * under the new key, so the old key can be dropped.
 */
@Component
public class ResealSecretsCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ResealSecretsCommand.class);

    private final List<SealedSecrets> secrets;

    ResealSecretsCommand(List<SealedSecrets> secrets) {
        this.secrets = secrets;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (arguments.getNonOptionArgs().contains(AtriumApplication.RESEAL_SECRETS)) {
            secrets.forEach(kind -> log.info("Sealed {} {} again under the current master key.",
                    kind.sealSecretsUnderCurrentKey(), kind.kind()));
            log.info("Every secret is now sealed under the current master key: atrium.previous-secret-keys can be removed.");
        }
    }
}
