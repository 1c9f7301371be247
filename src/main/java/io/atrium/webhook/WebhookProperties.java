package io.atrium.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * How webhooks are delivered.
 *
 * @param allowedAddresses addresses an endpoint may have although they are loopback, link-local or private: CIDR
 *     ranges ({@code 10.1.0.0/16}, {@code fd00::/8}) or single addresses; empty by default
 * @param connectTimeout how long to wait for the receiver's connection
 * @param readTimeout how long the receiver may take to answer (and may then stay silent)
 * @param retryDelays the waits before each retry of a failed delivery, the first after the first failure; once
 *     they are used up, the delivery has failed
 * @param disableAfter how long an endpoint may fail every delivery before it is disabled and its administrators are
 *     told
 * @param retention how long the delivery log keeps a delivery
 */
@Validated
@ConfigurationProperties("atrium.webhooks")
record WebhookProperties(@DefaultValue List<String> allowedAddresses,
        @DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("15s") @NotNull Duration readTimeout,
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) @NotEmpty List<Duration> retryDelays,
        @DefaultValue("1d") @NotNull Duration disableAfter, @DefaultValue("30d") @NotNull Duration retention) {

    WebhookProperties {
        allowedAddresses = List.copyOf(allowedAddresses);
        retryDelays = List.copyOf(retryDelays);
    }
}
