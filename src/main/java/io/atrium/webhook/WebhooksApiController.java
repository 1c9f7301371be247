package io.atrium.webhook;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code /api/v1/webhooks}: the key's account's webhook endpoints and their delivery logs, for its administrators
 * (403 for a member's key); the signing secret comes out only when it is made.
 */
@ApiController
@RequestMapping("/api/v1/webhooks")
class WebhooksApiController {

    record WebhookRequest(String url, List<String> events, String description, Boolean enabled) {

        WebhookCommand command() {
            return new WebhookCommand(url, events, description, enabled);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WebhookJson(@JsonProperty("_id") String id, String url, String description, List<String> events,
            boolean enabled, Instant failingSince, Instant disabledAt, Instant createdAt, Instant updatedAt) {

        static WebhookJson of(WebhookView view) {
            return new WebhookJson(view.id(), view.url(), view.description(), view.events(), view.enabled(),
                    view.failingSince(), view.disabledAt(), view.createdAt(), view.updatedAt());
        }
    }

    /** The creation answer: the endpoint's fields and, this once, its secret. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedWebhookJson(@JsonProperty("_id") String id, String url, String description, List<String> events,
            boolean enabled, String secret, Instant createdAt, Instant updatedAt) {
    }

    record SecretJson(@JsonProperty("_id") String id, String secret) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeliveryJson(@JsonProperty("_id") String id, String webhookId, String messageId, String eventType,
            String status, int attempts, Integer responseCode, String lastError, Long durationMs, Instant createdAt,
            Instant lastAttemptAt, Instant nextAttemptAt) {

        static DeliveryJson of(DeliveryView view) {
            return new DeliveryJson(view.id(), view.webhookId(), view.messageId(), view.eventType(), view.status(),
                    view.attempts(), view.responseCode(), view.lastError(), view.durationMs(), view.createdAt(),
                    view.lastAttemptAt(), view.nextAttemptAt());
        }
    }

    private final WebhookService webhooks;

    WebhooksApiController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    ApiPage<WebhookJson> list(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption) {
        return ApiPage.of(webhooks.list(actor).stream().map(WebhookJson::of).toList(), page, pageLimit, sortBy,
                sortOption, WebhookJson::createdAt, WebhookJson::updatedAt);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an endpoint", description = "Answers its signing secret (whsec_...) this once.")
    CreatedWebhookJson create(Actor actor, @RequestBody WebhookRequest request) {
        CreatedWebhook created = webhooks.create(actor, request.command());
        WebhookView view = created.webhook();
        return new CreatedWebhookJson(view.id(), view.url(), view.description(), view.events(), view.enabled(),
                created.secret(), view.createdAt(), view.updatedAt());
    }

    @GetMapping("/{webhookId}")
    WebhookJson get(Actor actor, @PathVariable String webhookId) {
        return WebhookJson.of(webhooks.get(actor, webhookId));
    }

    @PatchMapping("/{webhookId}")
    WebhookJson update(Actor actor, @PathVariable String webhookId, @RequestBody WebhookRequest request) {
        return WebhookJson.of(webhooks.update(actor, webhookId, request.command()));
    }

    @DeleteMapping("/{webhookId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String webhookId) {
        webhooks.delete(actor, webhookId);
    }

    @PostMapping("/{webhookId}/rotate-secret")
    @Operation(summary = "Replace the signing secret", description = "Answers the new secret this once; the old one "
            + "stops at once.")
    SecretJson rotateSecret(Actor actor, @PathVariable String webhookId) {
        return new SecretJson(webhookId, webhooks.rotateSecret(actor, webhookId));
    }

    @PostMapping("/{webhookId}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a webhook.test message", description = "Answers the queued delivery.")
    DeliveryJson test(Actor actor, @PathVariable String webhookId) {
        return DeliveryJson.of(webhooks.sendTest(actor, webhookId));
    }

    @GetMapping("/{webhookId}/deliveries")
    ApiPage<DeliveryJson> deliveries(Actor actor, @PathVariable String webhookId,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit) {
        ApiPage<DeliveryView> deliveries = webhooks.deliveries(actor, webhookId,
                ApiPage.request(page, pageLimit, null, null));
        return new ApiPage<>(deliveries.data().stream().map(DeliveryJson::of).toList(), deliveries.pageInfo());
    }

    @PostMapping("/{webhookId}/deliveries/{deliveryId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a delivery's message again", description = "A new delivery, with the same webhook-id.")
    DeliveryJson resend(Actor actor, @PathVariable String webhookId, @PathVariable String deliveryId) {
        return DeliveryJson.of(webhooks.resend(actor, webhookId, deliveryId));
    }
}
