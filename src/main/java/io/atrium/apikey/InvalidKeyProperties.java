package io.atrium.apikey;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * How many malformed or unknown API keys one client address may present before it is answered 429 without a
 * database lookup.
 *
 * @param maxInvalidPerAddress malformed or unknown keys one address may present in a window
 * @param invalidWindow how long they are counted, from the first; the 429 answers last until it ends
 */
@Validated
@ConfigurationProperties("atrium.api-keys")
record InvalidKeyProperties(@DefaultValue("20") @Positive int maxInvalidPerAddress,
        @DefaultValue("1m") @NotNull Duration invalidWindow) {
}
