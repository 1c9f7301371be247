package io.atrium.webhook;

import java.time.Instant;
import java.util.List;

import io.atrium.webhook.EndpointRepository.EndpointRow;

/**
 * A webhook endpoint as pages and the API show it; never its secret.
 *
 * @param failingSince since when every delivery to it has failed; {@code null} while it answers
 */
record WebhookView(String id, String url, String description, List<String> events, boolean enabled,
        Instant failingSince, Instant disabledAt, Instant createdAt, Instant updatedAt) {

    static WebhookView of(EndpointRow row) {
        return new WebhookView(row.id(), row.url(), row.description(), row.events(), row.enabled(), row.failingSince(),
                row.disabledAt(), row.createdAt(), row.updatedAt());
    }

    boolean hears(String type) {
        return events.contains(type);
    }
}
