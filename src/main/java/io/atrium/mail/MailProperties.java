package io.atrium.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from the sender address of every message
 * @param pollInterval how often the sender looks for messages that are due
 * @param initialBackoff the wait before the first retry; it doubles with each failed attempt, up to an hour
 * @param maxAttempts attempts before a message is marked failed
 */
@ConfigurationProperties("atrium.mail")
record MailProperties(String from, Duration pollInterval, Duration initialBackoff, int maxAttempts) {

    MailProperties {
        if (from == null || from.isBlank()) {
            from = "Atrium <atrium@localhost>";
        }
        if (pollInterval == null) {
            pollInterval = Duration.ofSeconds(2);
        }
        if (initialBackoff == null) {
            initialBackoff = Duration.ofSeconds(30);
        }
        if (maxAttempts <= 0) {
            maxAttempts = 10;
        }
    }
}
