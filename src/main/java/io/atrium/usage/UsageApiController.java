package io.atrium.usage;

import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.atrium.api.ApiController;
import io.atrium.shared.Actor;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /api/v1/usage?from=&to=}: the key's account's usage per day (admins in an organization). */
@ApiController
@RequestMapping("/api/v1/usage")
class UsageApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DayJson(LocalDate date, long apiRequests, long tasks,
            double minutesIndexed, long storageBytes) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TotalsJson(long apiRequests, long tasks,
            double minutesIndexed, long storageBytes) {
    }

    record UsageJson(LocalDate from, LocalDate to, List<DayJson> data, TotalsJson totals) {
    }

    private final UsageService usage;

    UsageApiController(UsageService usage) {
        this.usage = usage;
    }

    @GetMapping
    UsageJson usage(Actor actor, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        UsageService.UsageReport report = usage.report(actor.requireAdmin().accountId(), from, to);
        return new UsageJson(report.from(), report.to(),
                report.days().stream().map(day -> new DayJson(day.day(), day.apiRequests(), day.tasks(),
                        round(day.minutesIndexed()), day.storageBytes())).toList(),
                new TotalsJson(report.apiRequests(), report.tasks(), round(report.minutesIndexed()), report.storageBytes()));
    }

    private static double round(double minutes) {
        return Math.round(minutes * 100) / 100.0;
    }
}
