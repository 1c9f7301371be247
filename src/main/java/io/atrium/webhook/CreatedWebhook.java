package io.atrium.webhook;

/** A new endpoint, and its signing secret ({@code whsec_…}), shown this once. */
record CreatedWebhook(WebhookView webhook, String secret) {
}
