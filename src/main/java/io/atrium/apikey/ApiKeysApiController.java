package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
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
import io.atrium.shared.InvalidInputException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /api/v1/api-keys}: the same rules as Settings > API Keys, for the key's account. */
@ApiController
@RequestMapping("/api/v1/api-keys")
class ApiKeysApiController {

    static final int DEFAULT_DAYS = 365;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateKeyRequest(String name, Instant expiresAt,
            Integer expiresInDays) {
    }

    record Creator(@JsonProperty("_id") String id, String name, String email) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyJson(@JsonProperty("_id") String id, String name, String prefix,
            Creator createdBy, Instant createdAt,
            Instant expiresAt, Instant lastUsedAt,
            Instant revokedAt, String status) {

        static KeyJson of(ApiKeyView view) {
            return new KeyJson(view.id(), view.name(), view.prefix(),
                    new Creator(view.createdByUserId(), view.createdByName(), view.createdByEmail()), view.createdAt(),
                    view.expiresAt(), view.lastUsedAt(), view.revokedAt(), view.status());
        }
    }

    /** The creation answer: the key's fields and, this once, the key itself. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedKeyJson(@JsonProperty("_id") String id, String name, String prefix, String key,
            Instant createdAt, Instant expiresAt) {
    }

    private final ApiKeyService keys;
    private final Clock clock;

    ApiKeysApiController(ApiKeyService keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping
    ApiPage<KeyJson> list(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption) {
        return ApiPage.of(keys.list(actor).stream().map(KeyJson::of).toList(),
                page, pageLimit, sortBy, sortOption, KeyJson::createdAt, KeyJson::createdAt);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKeyJson create(Actor actor, @RequestBody CreateKeyRequest request) {
        if (request.expiresAt() != null && request.expiresInDays() != null) {
            throw new InvalidInputException("expires_at", "parameter_invalid",
                    "Give either expires_at or expires_in_days, not both.");
        }
        if (request.expiresInDays() != null && request.expiresInDays() < 1) {
            throw new InvalidInputException("expires_in_days", "parameter_invalid", "expires_in_days must be 1 or more.");
        }
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt()
                : clock.instant().plus(Duration.ofDays(request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays()));
        CreatedApiKey created = keys.create(actor, request.name(), expiresAt);
        return new CreatedKeyJson(created.key().id(), created.key().name(), created.key().prefix(), created.value(),
                created.key().createdAt(), created.key().expiresAt());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Actor actor, @PathVariable String id) {
        keys.revoke(actor, id);
    }
}
