package io.atrium.apikey;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many malformed or unknown API keys one client address may present before it is answered 429 without a
 * database lookup.
 *
 * @param maxInvalidPerAddress malformed or unknown keys one address may present in a window
 * @param invalidWindow how long they are counted, from the first; the 429 answers last until it ends
 */
@ConfigurationProperties("atrium.api-keys")
record InvalidKeyProperties(int maxInvalidPerAddress, Duration invalidWindow) {

    InvalidKeyProperties {
        if (maxInvalidPerAddress <= 0) {
            maxInvalidPerAddress = 20;
        }
        if (invalidWindow == null) {
            invalidWindow = Duration.ofMinutes(1);
        }
    }
}
