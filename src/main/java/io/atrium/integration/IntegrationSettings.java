package io.atrium.integration;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param allowedAddresses loopback, link-local or private addresses an integration's endpoint may have anyway
 *     (an S3-compatible store inside your network): CIDR ranges or single addresses; empty by default
 * @param timeout how long one call to the bucket may take
 */
@Validated
@ConfigurationProperties("atrium.integrations")
record IntegrationSettings(@DefaultValue List<String> allowedAddresses, @DefaultValue("20s") @NotNull Duration timeout) {

    IntegrationSettings {
        allowedAddresses = List.copyOf(allowedAddresses);
    }
}
