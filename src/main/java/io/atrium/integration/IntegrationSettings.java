package io.atrium.integration;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowedAddresses loopback, link-local or private addresses an integration's endpoint may have anyway
 *     (an S3-compatible store inside your network): CIDR ranges or single addresses; empty by default
 * @param timeout how long one call to the bucket may take
 */
@ConfigurationProperties("atrium.integrations")
record IntegrationSettings(List<String> allowedAddresses, Duration timeout) {

    IntegrationSettings {
        allowedAddresses = allowedAddresses == null ? List.of() : List.copyOf(allowedAddresses);
        timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    }
}
