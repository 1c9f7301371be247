package io.atrium.webhook;

import java.time.Instant;

import io.atrium.webhook.DeliveryRepository.DeliveryRow;

/**
 * One delivery of the log: what was sent, how it went and when it is tried again.
 *
 * @param responseCode the HTTP status of the last attempt's answer; {@code null} before one, or when none came
 * @param durationMs how long the last attempt took
 */
record DeliveryView(String id, String webhookId, String messageId, String eventType, String status, int attempts,
        Integer responseCode, String lastError, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt,
        Long durationMs) {

    static DeliveryView of(DeliveryRow row) {
        return new DeliveryView(row.id(), row.endpointId(), row.messageId(), row.eventType(), row.status().value(),
                row.attempts(), row.responseCode(), row.lastError(), row.createdAt(), row.lastAttemptAt(),
                row.nextAttemptAt(), row.durationMs());
    }
}
