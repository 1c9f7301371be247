package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

import io.atrium.api.ApiCaller;
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

    /**
     * @param owner {@code member} (the default: the caller's own key) or {@code organization} (administrators)
     * @param role the role an organization key acts with: {@code member} (the default) or {@code admin}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateKeyRequest(String name, Instant expiresAt,
            Integer expiresInDays, List<String> scopes, String owner, String role, List<String> allowedAddresses) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RotateKeyRequest(Integer gracePeriodHours) {
    }

    record Creator(@JsonProperty("_id") String id, String name, String email) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyJson(@JsonProperty("_id") String id, String name, String prefix,
            Creator createdBy, Instant createdAt,
            Instant expiresAt, Instant lastUsedAt,
            Instant revokedAt, String status, String owner, String role, List<String> scopes,
            List<String> allowedAddresses, Instant rotatedAt, Instant oldSecretValidUntil, Integer expiresInDays) {

        static KeyJson of(ApiKeyView view) {
            return new KeyJson(view.id(), view.name(), view.prefix(),
                    new Creator(view.createdByUserId(), view.createdByName(), view.createdByEmail()), view.createdAt(),
                    view.expiresAt(), view.lastUsedAt(), view.revokedAt(), view.status(), view.owner(), view.role(),
                    view.scopes(), view.allowedAddresses(), view.rotatedAt(), view.oldSecretValidUntil(),
                    view.expiresInDays());
        }
    }

    /** The creation answer: the key's fields and, this once, the key itself. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedKeyJson(@JsonProperty("_id") String id, String name, String prefix, String key,
            Instant createdAt, Instant expiresAt, String owner, String role, List<String> scopes,
            List<String> allowedAddresses) {

        static CreatedKeyJson of(CreatedApiKey created) {
            ApiKeyView key = created.key();
            return new CreatedKeyJson(key.id(), key.name(), key.prefix(), created.value(), key.createdAt(),
                    key.expiresAt(), key.owner(), key.role(), key.scopes(), key.allowedAddresses());
        }
    }

    /** The rotation answer: the new secret, this once, and until when the old one still works. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RotatedKeyJson(@JsonProperty("_id") String id, String name, String prefix, String key, Instant expiresAt,
            Instant rotatedAt, Instant oldSecretValidUntil) {
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
    CreatedKeyJson create(Actor actor, @AuthenticationPrincipal ApiCaller caller, @RequestBody CreateKeyRequest request) {
        if (request.expiresAt() != null && request.expiresInDays() != null) {
            throw new InvalidInputException("expires_at", "parameter_invalid",
                    "Give either expires_at or expires_in_days, not both.");
        }
        if (request.expiresInDays() != null && request.expiresInDays() < 1) {
            throw new InvalidInputException("expires_in_days", "parameter_invalid", "expires_in_days must be 1 or more.");
        }
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt()
                : clock.instant().plus(Duration.ofDays(request.expiresInDays() == null ? DEFAULT_DAYS : request.expiresInDays()));
        String organizationRole = switch (request.owner() == null ? "member" : request.owner()) {
            case "member" -> {
                if (request.role() != null) {
                    throw new InvalidInputException("role", "parameter_invalid",
                            "A role is chosen only for an organization key (owner \"organization\").");
                }
                yield null;
            }
            case "organization" -> request.role() == null ? "member" : request.role();
            default -> throw new InvalidInputException("owner", "parameter_invalid", "Choose an owner: member or organization.");
        };
        // A key gives the keys it creates no more than it holds (issue 17).
        CreatedApiKey created = keys.create(actor, new NewApiKey(request.name(), expiresAt, request.scopes(),
                organizationRole, request.allowedAddresses()), keys.grantableByKey(actor.accountId(), caller.keyRowId()));
        return CreatedKeyJson.of(created);
    }

    @PostMapping("/{id}/rotate")
    RotatedKeyJson rotate(Actor actor, @PathVariable String id, @RequestBody(required = false) RotateKeyRequest request) {
        if (request == null || request.gracePeriodHours() == null) {
            throw new InvalidInputException("grace_period_hours", "parameter_not_provided",
                    "Give grace_period_hours: how long the old secret keeps working, 0 to " + ApiKeyService.MAX_GRACE_HOURS + ".");
        }
        CreatedApiKey rotated = keys.rotate(actor, id, request.gracePeriodHours());
        ApiKeyView key = rotated.key();
        return new RotatedKeyJson(key.id(), key.name(), key.prefix(), rotated.value(), key.expiresAt(), key.rotatedAt(),
                key.oldSecretValidUntil());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Actor actor, @PathVariable String id) {
        keys.revoke(actor, id);
    }
}
