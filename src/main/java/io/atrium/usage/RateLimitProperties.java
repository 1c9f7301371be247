package io.atrium.usage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * How rate limits are counted in Redis.
 *
 * @param leaseSize the most calls of an account's budget (per category) a node takes from Redis at a time and then
 *        counts in its memory; 1 asks Redis on every call
 */
@Validated
@ConfigurationProperties("atrium.rate-limits")
record RateLimitProperties(@DefaultValue("10") @Positive int leaseSize) {
}
