package io.atrium.webhook;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

import io.atrium.shared.ServerSecret;

/**
 * Endpoints' signing secrets: {@code whsec_} and the base64 of 32 random bytes, as Standard Webhooks libraries read
 * them; kept sealed under the master key, bound to the endpoint's id, like integration secrets.
 */
@Component
class WebhookSecrets {

    static final String PURPOSE = "webhook-secret";
    static final String PREFIX = "whsec_";
    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final ServerSecret server;

    WebhookSecrets(ServerSecret server) {
        this.server = server;
    }

    String newSecret() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    String seal(String endpointId, String secret) {
        return server.seal(PURPOSE, endpointId, secret);
    }

    String open(String endpointId, String sealed) {
        return server.open(PURPOSE, endpointId, sealed);
    }

    boolean isCurrent(String sealed) {
        return server.isCurrent(sealed);
    }
}
