package io.atrium.usage;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Settings > Usage: charts and a table of the active account's usage per day (admins, R-PLAN-3). */
@Controller
class UsagePageController {

    private final UsageService usage;
    private final JsonMapper json;

    UsagePageController(UsageService usage, JsonMapper json) {
        this.usage = usage;
        this.json = json;
    }

    @GetMapping("/settings/usage")
    String show(Actor actor, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(name = "group_by", required = false) String groupBy,
            Model model, HttpServletResponse response) {
        String account = actor.requireAdmin().accountId();
        UsageService.UsageReport report;
        UsageService.GroupBy grouping = null;
        try {
            grouping = UsageService.GroupBy.parse(groupBy);
            report = usage.report(account, from, to);
            model.addAttribute("errors", Map.of());
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", e.messagesByField());
            report = usage.report(account, null, null);
        }
        model.addAttribute("report", report);
        model.addAttribute("rows", UsageService.newestFirstCollapsed(report));
        model.addAttribute("groupBy", grouping == null ? "" : grouping.value());
        if (grouping != null) {
            model.addAttribute("callers", usage.byCaller(account, report, grouping));
        }
        model.addAttribute("csvQuery", "from=" + report.from() + "&to=" + report.to()
                + (grouping == null ? "" : "&group_by=" + grouping.value()));
        model.addAttribute("chartData", json.writeValueAsString(Map.of(
                "days", report.days().stream().map(day -> day.day().toString()).toList(),
                "apiRequests", report.days().stream().map(UsageService.DayUsage::apiRequests).toList(),
                "tasks", report.days().stream().map(UsageService.DayUsage::tasks).toList(),
                "minutesIndexed", report.days().stream().map(day -> Math.round(day.minutesIndexed() * 100) / 100.0).toList(),
                "storageMegabytes", report.days().stream().map(day -> Math.round(day.storageBytes() / 10485.76) / 100.0).toList())));
        return "usage/usage";
    }

    /** What the page shows, as CSV (see {@link UsageCsv}); a range that can't be read answers 400. */
    @GetMapping("/settings/usage.csv")
    void csv(Actor actor, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(name = "group_by", required = false) String groupBy, HttpServletResponse response)
            throws java.io.IOException {
        String account = actor.requireAdmin().accountId();
        try {
            UsageService.GroupBy grouping = UsageService.GroupBy.parse(groupBy);
            UsageCsv.write(usage, account, usage.report(account, from, to), grouping, response);
        } catch (InvalidInputException e) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
        }
    }
}
