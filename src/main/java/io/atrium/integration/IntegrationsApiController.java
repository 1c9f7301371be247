package io.atrium.integration;

import java.time.Instant;

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
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /api/v1/integrations}: the key's account's S3 integrations; secrets go in and never come out. */
@ApiController
@RequestMapping("/api/v1/integrations")
class IntegrationsApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IntegrationRequest(String name, String bucket, String region, String endpoint, String prefix,
            String accessKeyId,
            String secretAccessKey) {

        IntegrationCommand command() {
            return new IntegrationCommand(name, bucket, region, endpoint, prefix, accessKeyId, secretAccessKey);
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IntegrationJson(@JsonProperty("_id") String id, String name, String bucket, String region, String endpoint,
            String prefix, String accessKeyIdHint,
            Instant createdAt, Instant updatedAt) {

        static IntegrationJson of(IntegrationView view) {
            return new IntegrationJson(view.id(), view.name(), view.bucket(), view.region(), view.endpoint(),
                    view.prefix(), view.accessKeyIdHint(), view.createdAt(), view.updatedAt());
        }
    }

    private final IntegrationService integrations;

    IntegrationsApiController(IntegrationService integrations) {
        this.integrations = integrations;
    }

    @GetMapping
    ApiPage<IntegrationJson> list(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption) {
        return ApiPage.of(integrations.list(actor.accountId()).stream().map(IntegrationJson::of).toList(), page,
                pageLimit, sortBy, sortOption, IntegrationJson::createdAt, IntegrationJson::updatedAt);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IntegrationJson create(Actor actor, @RequestBody IntegrationRequest request) {
        return IntegrationJson.of(integrations.create(actor, request.command()));
    }

    @GetMapping("/{integrationId}")
    IntegrationJson get(Actor actor, @PathVariable String integrationId) {
        return IntegrationJson.of(integrations.get(actor.accountId(), integrationId));
    }

    @PatchMapping("/{integrationId}")
    IntegrationJson update(Actor actor, @PathVariable String integrationId,
            @RequestBody IntegrationRequest request) {
        return IntegrationJson.of(integrations.update(actor, integrationId, request.command()));
    }

    @DeleteMapping("/{integrationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Actor actor, @PathVariable String integrationId) {
        integrations.delete(actor, integrationId);
    }
}
