/**
 * Webhooks (issue 17): an account's endpoints and the events they hear, delivered as the Standard Webhooks
 * specification says (signed {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), durably and
 * with retries; {@code /api/v1/webhooks} and Settings > Webhooks, for the account's administrators. It hears the
 * events other features publish inside their transactions, and no feature depends on it.
 */
@ApplicationModule(allowedDependencies = {"account", "api", "apikey", "audit", "integration", "invitation", "mail",
        "organization", "shared", "video"})
package io.atrium.webhook;

import org.springframework.modulith.ApplicationModule;
