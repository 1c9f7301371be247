/**
 * Outgoing mail: an outbox table written in the caller's transaction, a sender that delivers it over SMTP
 * with retries and backoff, and, when no SMTP host is configured, the development inbox (each user reads their own
 * on a page of the account module).
 */
@ApplicationModule(allowedDependencies = {"shared"})
package io.atrium.mail;

import org.springframework.modulith.ApplicationModule;
