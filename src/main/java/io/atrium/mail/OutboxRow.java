package io.atrium.mail;

import java.time.Instant;

record OutboxRow(String id, String recipient, String subject, String textBody, String htmlBody, OutboxStatus status,
        int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {
}
