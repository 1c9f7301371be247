package io.atrium.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

import io.atrium.account.AccountService;
import io.atrium.account.UserView;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.mail.MailOutbox;
import io.atrium.mail.OutgoingMail;
import io.atrium.organization.OrganizationService;
import io.atrium.shared.PublicUrl;
import io.atrium.webhook.DeliveryRepository.DeliveryRow;
import io.atrium.webhook.DeliveryRepository.Status;
import io.atrium.webhook.EndpointRepository.EndpointRow;

/**
 * One attempt of a delivery, made by the node whose job runs it ({@link WebhookDelivery}): the request goes out
 * outside any transaction, then its outcome is written. A failure is tried again after the next of
 * {@code atrium.webhooks.retry-delays}; an endpoint that has failed every attempt for
 * {@code atrium.webhooks.disable-after} is disabled and its administrators are mailed.
 */
@Service
class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final DeliveryRepository deliveries;
    private final EndpointRepository endpoints;
    private final WebhookSender sender;
    private final WebhookSecrets secrets;
    private final WebhookProperties properties;
    private final OrganizationService organizations;
    private final AccountService accounts;
    private final MailOutbox mail;
    private final AuditLog audit;
    private final PublicUrl publicUrl;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DeliveryAttempts(DeliveryRepository deliveries, EndpointRepository endpoints, WebhookSender sender,
            WebhookSecrets secrets, WebhookProperties properties, OrganizationService organizations,
            AccountService accounts, MailOutbox mail, AuditLog audit, PublicUrl publicUrl,
            TransactionTemplate transactions, Clock clock) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.sender = sender;
        this.secrets = secrets;
        this.properties = properties;
        this.organizations = organizations;
        this.accounts = accounts;
        this.mail = mail;
        this.audit = audit;
        this.publicUrl = publicUrl;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @return when to try again; empty once the delivery is done with (delivered, given up on, or gone) */
    Optional<Instant> attempt(String deliveryId) {
        DeliveryRow delivery = deliveries.find(deliveryId).filter(row -> row.status() == Status.PENDING).orElse(null);
        if (delivery == null) {
            return Optional.empty();
        }
        EndpointRow endpoint = endpoints.find(delivery.accountId(), delivery.endpointId()).orElse(null);
        if (endpoint == null) {
            return Optional.empty(); // deleted with its endpoint
        }
        // a test message goes out even to a disabled endpoint: it is how its administrators check it before enabling it
        if (!endpoint.enabled() && !delivery.eventType().equals(WebhookEvent.WEBHOOK_TEST.type())) {
            deliveries.markNotAttempted(delivery.id(), "Not sent: the endpoint is disabled.");
            return Optional.empty();
        }
        Instant attemptedAt = clock.instant();
        WebhookSender.Outcome outcome = sender.send(endpoint.url(), secrets.open(endpoint.id(), endpoint.secretSealed()),
                delivery.messageId(), attemptedAt, delivery.payload());
        int attempts = delivery.attempts() + 1;
        if (outcome.succeeded()) {
            transactions.executeWithoutResult(status -> {
                deliveries.markSucceeded(delivery.id(), attempts, outcome.code(), attemptedAt, outcome.durationMs());
                endpoints.succeeded(endpoint.accountId(), endpoint.id());
            });
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant next = attempts <= properties.retryDelays().size()
                ? now.plus(properties.retryDelays().get(attempts - 1)) : null;
        log.info("Webhook delivery {} to {} failed (attempt {}){}: {}", delivery.id(), endpoint.url(), attempts,
                next == null ? ", given up" : ", retried at " + next, outcome.error());
        return Optional.ofNullable(transactions.execute(status -> {
            Instant failingSince = endpoints.failed(endpoint.accountId(), endpoint.id(), now);
            boolean dayOfFailures = !failingSince.plus(properties.disableAfter()).isAfter(now);
            Instant retryAt = dayOfFailures ? null : next;
            deliveries.markFailedAttempt(delivery.id(), attempts, outcome.code(), outcome.error(), attemptedAt,
                    outcome.durationMs(), retryAt);
            if (dayOfFailures && endpoints.disable(endpoint.accountId(), endpoint.id(), now)) {
                disabled(endpoint, failingSince);
            }
            return retryAt;
        }));
    }

    /** Tells the account's administrators (the owner of a personal account) and records it. */
    private void disabled(EndpointRow endpoint, Instant failingSince) {
        log.warn("Webhook endpoint {} of account {} disabled: every delivery failed since {}", endpoint.id(),
                endpoint.accountId(), failingSince);
        audit.record(endpoint.accountId(), null, AuditAction.WEBHOOK_DISABLED, endpoint.url(),
                "failing_since=" + failingSince);
        Set<String> recipients = new LinkedHashSet<>();
        organizations.administrators(endpoint.accountId()).forEach(admin -> recipients.add(admin.email()));
        if (recipients.isEmpty()) {
            accounts.findUser(endpoint.createdByUserId()).map(UserView::email).ifPresent(recipients::add);
        }
        String link = publicUrl.of("/settings/webhooks/" + endpoint.id());
        Duration period = properties.disableAfter();
        String text = "Atrium stopped sending webhooks to " + endpoint.url() + ": every delivery to it has failed for "
                + words(period) + ", since " + failingSince + ".\n\nCheck the endpoint, then enable it again under "
                + "Settings > Webhooks, where the delivery log says what each attempt got and failed deliveries can "
                + "be resent:\n" + link + "\n";
        String html = "<p>Atrium stopped sending webhooks to <strong>" + HtmlUtils.htmlEscape(endpoint.url())
                + "</strong>: every delivery to it has failed for " + words(period) + ", since "
                + HtmlUtils.htmlEscape(failingSince.toString()) + ".</p><p>Check the endpoint, then enable it again "
                + "under Settings &gt; Webhooks, where the delivery log says what each attempt got and failed "
                + "deliveries can be resent:</p><p><a href=\"" + HtmlUtils.htmlEscape(link) + "\">"
                + HtmlUtils.htmlEscape(link) + "</a></p>";
        recipients.forEach(to -> mail.enqueue(new OutgoingMail(to, "A webhook endpoint was disabled", text, html, false)));
    }

    private static String words(Duration period) {
        long hours = period.toHours();
        return hours % 24 == 0 ? (hours / 24 == 1 ? "a day" : hours / 24 + " days") : hours + " hours";
    }
}
