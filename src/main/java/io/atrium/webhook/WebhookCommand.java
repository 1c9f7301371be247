package io.atrium.webhook;

import java.util.List;

/**
 * What creating or changing an endpoint gives; in a change, a {@code null} field stays as it is.
 *
 * @param events the event types it hears ({@code task.ready}, …)
 */
record WebhookCommand(String url, List<String> events, String description, Boolean enabled) {
}
