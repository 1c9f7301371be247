package io.atrium.organization;

import java.io.IOException;
import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.audit.AuditEntries;
import io.atrium.audit.AuditEntry;
import io.atrium.audit.AuditFilter;
import io.atrium.audit.AuditPage;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /api/v1/audit-log}: the key's account's audit log, for its admins (the owner of a personal account
 * is its admin); a member's key answers 403 (R-ORG-7).
 */
@ApiController
@RequestMapping("/api/v1")
class AuditLogApiController {

    /** Who acted; {@code name} and {@code email} are null when the user no longer exists. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ActorJson(@JsonProperty("_id") String id, String name, String email) {
    }

    /** {@code actor} is null for what Atrium did by itself, such as revoking a departed member's keys. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EntryJson(@JsonProperty("_id") String id, String action, ActorJson actor, String target, String details,
            String ipAddress, Instant createdAt) {

        static EntryJson of(AuditEntry entry) {
            AuditEntry.Actor actor = entry.actor();
            return new EntryJson(entry.id(), entry.action(),
                    actor == null ? null : new ActorJson(actor.id(), actor.name(), actor.email()), entry.target(),
                    entry.details(), entry.clientAddress(), entry.createdAt());
        }
    }

    private final AuditEntries audit;

    AuditLogApiController(AuditEntries audit) {
        this.audit = audit;
    }

    /**
     * {@code GET /api/v1/audit-log.csv}: every entry the filter matches (up to {@link AuditEntries#EXPORT_LIMIT}),
     * newest first, as CSV. A path of its own rather than {@code Accept: text/csv}, because the API otherwise answers
     * JSON only.
     */
    @GetMapping("/audit-log.csv")
    @Operation(summary = "The audit log as CSV: every entry the filters match, newest first, up to 100,000",
            description = "Admins only (403 for a member's key). Takes actor, action, from and to as /api/v1/audit-log.")
    @ApiResponse(responseCode = "200", description = "created_at,actor_id,actor_name,actor_email,action,description,"
            + "target,details,details_raw,ip_address", content = @Content(mediaType = "text/csv",
            schema = @Schema(type = "string")))
    void csv(Actor caller,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            HttpServletResponse response) throws IOException {
        caller.requireAdmin();
        AuditCsv.write(audit.export(caller.accountId(), AuditFilter.parse(actor, action, from, to)), response);
    }

    @GetMapping("/audit-log")
    ApiPage<EntryJson> list(Actor caller,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption) {
        caller.requireAdmin();
        if (sortBy != null && !sortBy.equals("created_at")) {
            // Entries never change, so they have no updated_at to sort by.
            throw new InvalidInputException("sort_by", "parameter_invalid", "Audit entries sort by created_at only.");
        }
        ApiPage.Request window = ApiPage.request(page, pageLimit, sortBy, sortOption);
        AuditPage found = audit.page(caller.accountId(), AuditFilter.parse(actor, action, from, to),
                window.descending(), window.page(), window.limit());
        return ApiPage.of(found.entries().stream().map(EntryJson::of).toList(), window, found.total());
    }
}
