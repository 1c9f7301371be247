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
            @RequestParam(required = false) String to, Model model, HttpServletResponse response) {
        String account = actor.requireAdmin().accountId();
        UsageService.UsageReport report;
        try {
            report = usage.report(account, from, to);
            model.addAttribute("errors", Map.of());
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", e.messagesByField());
            report = usage.report(account, null, null);
        }
        model.addAttribute("report", report);
        model.addAttribute("chartData", json.writeValueAsString(Map.of(
                "days", report.days().stream().map(day -> day.day().toString()).toList(),
                "apiRequests", report.days().stream().map(UsageService.DayUsage::apiRequests).toList(),
                "tasks", report.days().stream().map(UsageService.DayUsage::tasks).toList(),
                "minutesIndexed", report.days().stream().map(day -> Math.round(day.minutesIndexed() * 100) / 100.0).toList(),
                "storageMegabytes", report.days().stream().map(day -> Math.round(day.storageBytes() / 10485.76) / 100.0).toList())));
        return "usage/usage";
    }
}
