package io.atrium.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * How often the sender looks for due messages is the jobs' {@code atrium.jobs.poll-interval}.
 *
 * @param from the sender address of every message
 * @param initialBackoff the wait before the first retry; it doubles with each failed attempt, up to an hour
 * @param maxAttempts attempts before a message is marked failed
 */
@Validated
@ConfigurationProperties("atrium.mail")
record MailProperties(@DefaultValue("Atrium <atrium@localhost>") @NotBlank String from,
        @DefaultValue("30s") @NotNull Duration initialBackoff, @DefaultValue("10") @Positive int maxAttempts) {
}
