package io.atrium.usage;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.atrium.api.ApiController;
import io.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /api/v1/usage?from=&to=&group_by=}: the key's account's usage per day (admins in an organization), and
 * with {@code group_by=member} or {@code api_key} its API requests per member or key; {@code GET /api/v1/usage.csv}
 * the same as CSV.
 */
@ApiController
@RequestMapping("/api/v1")
class UsageApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DayJson(LocalDate date, long apiRequests, long tasks,
            double minutesIndexed, long storageBytes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TotalsJson(long apiRequests, long tasks,
            double minutesIndexed, long storageBytes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CallerDayJson(LocalDate date, long apiRequests) {
    }

    /**
     * A member ({@code email}) or a key ({@code prefix}); {@code name} and the other are null once it is gone.
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record GroupJson(String id, String name, String email, String prefix, long apiRequests, List<CallerDayJson> days) {
    }

    /** {@code group_by} and {@code groups} appear only when grouped. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UsageJson(LocalDate from, LocalDate to, List<DayJson> data, TotalsJson totals, String groupBy,
            List<GroupJson> groups) {
    }

    private final UsageService usage;

    UsageApiController(UsageService usage) {
        this.usage = usage;
    }

    @GetMapping("/usage")
    @Operation(summary = "The account's usage per UTC day, optionally its API requests per member or key",
            description = "Admins only (403 for a member's key). A call made with a key counts for the key and for "
                    + "the member who created it; Playground pages are not counted.")
    UsageJson usage(Actor actor, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @Parameter(description = "member or api_key: adds group_by and groups (busiest first, days newest first)")
            @RequestParam(name = "group_by", required = false) String groupBy) {
        String accountId = actor.requireAdmin().accountId();
        UsageService.GroupBy grouping = UsageService.GroupBy.parse(groupBy);
        UsageService.UsageReport report = usage.report(accountId, from, to);
        List<GroupJson> groups = grouping == null ? null : usage.byCaller(accountId, report, grouping).stream()
                .map(caller -> new GroupJson(caller.id(), caller.name(),
                        grouping == UsageService.GroupBy.MEMBER ? caller.detail() : null,
                        grouping == UsageService.GroupBy.API_KEY ? caller.detail() : null, caller.apiRequests(),
                        caller.days().stream().map(day -> new CallerDayJson(day.day(), day.apiRequests())).toList()))
                .toList();
        return new UsageJson(report.from(), report.to(),
                report.days().stream().map(day -> new DayJson(day.day(), day.apiRequests(), day.tasks(),
                        round(day.minutesIndexed()), day.storageBytes())).toList(),
                new TotalsJson(report.apiRequests(), report.tasks(), round(report.minutesIndexed()), report.storageBytes()),
                grouping == null ? null : grouping.value(), groups);
    }

    /**
     * The same as CSV, newest day first: per day, or per day and member or key with {@code group_by}. A path of its
     * own rather than {@code Accept: text/csv}, because the API otherwise answers JSON only.
     */
    @GetMapping("/usage.csv")
    @Operation(summary = "The account's usage as CSV, newest day first (same parameters as /api/v1/usage)")
    @ApiResponse(responseCode = "200", description = "date,api_requests,tasks,minutes_indexed,storage_bytes; with "
            + "group_by: date,user_id,name,email,api_requests or date,api_key_id,api_key_name,api_key_prefix,api_requests",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    void csv(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "group_by", required = false) String groupBy, HttpServletResponse response)
            throws IOException {
        String accountId = actor.requireAdmin().accountId();
        UsageService.GroupBy grouping = UsageService.GroupBy.parse(groupBy);
        UsageCsv.write(usage, accountId, usage.report(accountId, from, to), grouping, response);
    }

    private static double round(double minutes) {
        return Math.round(minutes * 100) / 100.0;
    }
}
