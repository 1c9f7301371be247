package io.atrium.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.github.kagkarlsson.scheduler.SchedulerClient;

import io.atrium.api.ApiPage;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.shared.Actor;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.InvalidInputException.Problem;
import io.atrium.shared.NotFoundException;
import io.atrium.shared.SealedSecrets;
import io.atrium.webhook.DeliveryRepository.DeliveryRow;
import io.atrium.webhook.EndpointRepository.EndpointRow;
import tools.jackson.databind.json.JsonMapper;

/**
 * An account's webhook endpoints, for its administrators (the owner of a personal account): each hears the event
 * types it lists, and every event of those is written as a delivery, with its job, in the transaction of the event
 * itself ({@link #record}), so a delivery exists exactly when its event does.
 */
@Service
class WebhookService implements SealedSecrets {

    static final int MAX_DESCRIPTION = 500;

    private final EndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final WebhookSender sender;
    private final WebhookSecrets secrets;
    private final SchedulerClient jobs;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    WebhookService(EndpointRepository endpoints, DeliveryRepository deliveries, WebhookSender sender,
            WebhookSecrets secrets, SchedulerClient jobs, AuditLog audit, JsonMapper json, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.sender = sender;
        this.secrets = secrets;
        this.jobs = jobs;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** @throws InvalidInputException for a missing or refused URL, no or unknown events, a long description */
    @Transactional
    public CreatedWebhook create(Actor actor, WebhookCommand command) {
        String accountId = actor.requireAdmin().accountId();
        List<Problem> problems = new ArrayList<>();
        String url = checked(problems, () -> sender.check(command.url()));
        List<String> events = checked(problems, () -> events(command.events()));
        String description = checked(problems, () -> description(command.description()));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Instant now = clock.instant();
        String id = Ids.newId(now);
        String secret = secrets.newSecret();
        EndpointRow row = new EndpointRow(id, accountId, url, description, events, secrets.seal(id, secret),
                command.enabled() == null || command.enabled(), null, null, actor.userId(), now, now);
        endpoints.insert(row);
        audit.record(accountId, actor.userId(), AuditAction.WEBHOOK_CREATED, url, "events=" + String.join(",", events));
        return new CreatedWebhook(WebhookView.of(row), secret);
    }

    public List<WebhookView> list(Actor actor) {
        return endpoints.ofAccount(actor.requireAdmin().accountId()).stream().map(WebhookView::of).toList();
    }

    /** @throws NotFoundException for an endpoint of another account, like a missing one */
    public WebhookView get(Actor actor, String webhookId) {
        return WebhookView.of(row(actor, webhookId));
    }

    /**
     * Changes the given fields. Enabling a disabled endpoint forgets its failures; its deliveries given up on stay
     * failed (resend them).
     */
    @Transactional
    public WebhookView update(Actor actor, String webhookId, WebhookCommand change) {
        EndpointRow current = row(actor, webhookId);
        List<Problem> problems = new ArrayList<>();
        String url = change.url() == null ? current.url() : checked(problems, () -> sender.check(change.url()));
        List<String> events = change.events() == null ? current.events() : checked(problems, () -> events(change.events()));
        String description = change.description() == null ? current.description()
                : checked(problems, () -> description(change.description()));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean enabled = change.enabled() == null ? current.enabled() : change.enabled();
        Instant now = clock.instant();
        EndpointRow updated = new EndpointRow(current.id(), current.accountId(), url, description, events,
                current.secretSealed(), enabled, enabled && !current.enabled() ? null : current.failingSince(),
                enabled ? null : current.enabled() ? now : current.disabledAt(), current.createdByUserId(),
                current.createdAt(), now);
        endpoints.update(updated, now);
        List<String> changed = new ArrayList<>();
        if (!url.equals(current.url())) {
            changed.add("url");
        }
        if (!events.equals(current.events())) {
            changed.add("events");
        }
        if (!description.equals(current.description())) {
            changed.add("description");
        }
        if (enabled != current.enabled()) {
            changed.add(enabled ? "enabled" : "disabled");
        }
        if (!changed.isEmpty()) {
            audit.record(current.accountId(), actor.userId(), AuditAction.WEBHOOK_UPDATED, url,
                    "changed=" + String.join(",", changed));
        }
        return WebhookView.of(updated);
    }

    /** Deletes the endpoint with its delivery log; deliveries still due are dropped. */
    @Transactional
    public void delete(Actor actor, String webhookId) {
        EndpointRow row = row(actor, webhookId);
        endpoints.delete(row.accountId(), row.id());
        audit.record(row.accountId(), actor.userId(), AuditAction.WEBHOOK_DELETED, row.url(), null);
    }

    /**
     * Replaces the signing secret at once: deliveries from now on, retries included, are signed with the new one.
     *
     * @return the new secret, shown this once
     */
    @Transactional
    public String rotateSecret(Actor actor, String webhookId) {
        EndpointRow row = row(actor, webhookId);
        String secret = secrets.newSecret();
        endpoints.replaceSecret(row.accountId(), row.id(), secrets.seal(row.id(), secret), clock.instant());
        audit.record(row.accountId(), actor.userId(), AuditAction.WEBHOOK_SECRET_ROTATED, row.url(), null);
        return secret;
    }

    /** Queues a {@code webhook.test} message to the endpoint, whatever events it hears (even while disabled). */
    @Transactional
    public DeliveryView sendTest(Actor actor, String webhookId) {
        EndpointRow row = row(actor, webhookId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_id", row.id());
        data.put("message", "A test message sent from Atrium.");
        Instant now = clock.instant();
        String messageId = messageId(now);
        return DeliveryView.of(queue(row, messageId, WebhookEvent.WEBHOOK_TEST.type(),
                payload(WebhookEvent.WEBHOOK_TEST, now, data), now));
    }

    /** The endpoint's deliveries, newest first. */
    public ApiPage<DeliveryView> deliveries(Actor actor, String webhookId, ApiPage.Request paging) {
        EndpointRow row = row(actor, webhookId);
        List<DeliveryView> page = deliveries.ofEndpoint(row.accountId(), row.id(), paging.limit(), (int) paging.offset())
                .stream().map(DeliveryView::of).toList();
        return ApiPage.of(page, paging, () -> deliveries.count(row.accountId(), row.id()));
    }

    /**
     * Sends a delivery's message again, as a new delivery with the same {@code webhook-id} (so a receiver that has
     * it already can tell).
     */
    @Transactional
    public DeliveryView resend(Actor actor, String webhookId, String deliveryId) {
        EndpointRow row = row(actor, webhookId);
        DeliveryRow original = deliveries.find(row.accountId(), row.id(), deliveryId)
                .orElseThrow(() -> new NotFoundException("Delivery"));
        return DeliveryView.of(queue(row, original.messageId(), original.eventType(), original.payload(),
                clock.instant()));
    }

    /**
     * Writes a delivery, and its job, for each of the account's enabled endpoints that hears the event, in the
     * caller's transaction: the event's own.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String accountId, WebhookEvent event, Map<String, Object> data) {
        List<EndpointRow> hearing = endpoints.hearing(accountId, event);
        if (hearing.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        String payload = payload(event, now, data);
        String messageId = messageId(now);
        hearing.forEach(endpoint -> queue(endpoint, messageId, event.type(), payload, now));
    }

    private DeliveryRow queue(EndpointRow endpoint, String messageId, String eventType, String payload, Instant now) {
        String id = Ids.newId(now);
        deliveries.insert(id, endpoint.accountId(), endpoint.id(), messageId, eventType, payload, now);
        jobs.schedule(WebhookDelivery.JOB.instance(id).build(), now);
        return deliveries.find(id).orElseThrow();
    }

    /** The body every receiver gets: {@code {"type", "timestamp", "data"}}. */
    private String payload(WebhookEvent event, Instant now, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type());
        body.put("timestamp", now.toString());
        body.put("data", data);
        return json.writeValueAsString(body);
    }

    private static String messageId(Instant now) {
        return "msg_" + Ids.newId(now);
    }

    private EndpointRow row(Actor actor, String webhookId) {
        return endpoints.find(actor.requireAdmin().accountId(), webhookId)
                .orElseThrow(() -> new NotFoundException("Webhook"));
    }

    private static List<String> events(List<String> given) {
        if (given == null || given.isEmpty()) {
            throw new InvalidInputException("events", "parameter_not_provided", "Choose at least one event.");
        }
        List<String> unknown = given.stream().filter(type -> WebhookEvent.of(type).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("events", "parameter_invalid", "Unknown event type(s): "
                    + String.join(", ", unknown) + ".");
        }
        // in the order of the list of events, each once
        return Arrays.stream(WebhookEvent.values()).map(WebhookEvent::type).filter(given::contains).toList();
    }

    private static String description(String given) {
        String description = given == null ? "" : given.strip();
        if (description.length() > MAX_DESCRIPTION || description.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("description", "parameter_invalid",
                    "A description has at most " + MAX_DESCRIPTION + " characters on one line.");
        }
        return description;
    }

    /** Runs one field's check, gathering its problems, so a form shows each next to its field. */
    private static <T> T checked(List<Problem> problems, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    @Override
    public String kind() {
        return "webhook signing secret(s)";
    }

    @Override
    @Transactional
    public int sealSecretsUnderCurrentKey() {
        int resealed = 0;
        for (EndpointRow row : endpoints.all()) {
            if (!secrets.isCurrent(row.secretSealed())) {
                endpoints.replaceSealedSecret(row.id(), secrets.seal(row.id(), secrets.open(row.id(), row.secretSealed())));
                resealed++;
            }
        }
        return resealed;
    }
}
