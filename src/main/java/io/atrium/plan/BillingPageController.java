package io.atrium.plan;

import java.util.Arrays;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/** Settings > Billing & Plan: the plan, what each plan allows, and changing it (admins and personal owners). */
@Controller
class BillingPageController {

    /** One plan as the page compares it. */
    record PlanColumn(String name, String title, PlanSettings.Limits limits, boolean current) {
    }

    /** One limit that a plan change changes, in words: what it is, and its value before and after. */
    record LimitChange(String limit, String before, String after) {
    }

    private final PlanService plans;
    private final PlanUsage usage;
    private final RequestCounts requests;
    private final List<PlanPageSection> sections;

    BillingPageController(PlanService plans, PlanUsage usage, RequestCounts requests, List<PlanPageSection> sections) {
        this.requests = requests;
        this.sections = sections;
        this.plans = plans;
        this.usage = usage;
    }

    @GetMapping("/settings/billing")
    String show(Actor actor, Model model) {
        Plan current = plans.planOf(actor.requireAdmin().accountId());
        List<PlanColumn> columns = Arrays.stream(Plan.values())
                .map(plan -> new PlanColumn(plan.value(), plan.title(), plans.limits(plan), plan == current))
                .toList();
        model.addAttribute("plans", columns);
        model.addAttribute("currentPlan", current.value());
        model.addAttribute("categories", EndpointCategory.values());
        model.addAttribute("currentLimits", plans.limits(current));
        model.addAttribute("used", usage.used(actor.accountId()));
        model.addAttribute("requests", requests.now(actor.accountId()));
        sections.forEach(section -> section.addTo(actor, model));
        model.addAttribute("sections", sections.stream().map(PlanPageSection::template).toList());
        return "plan/billing";
    }

    /**
     * Asks before a plan change, listing the limits it changes: a switch to a smaller plan can stop uploads or
     * requests the account makes today.
     */
    @GetMapping("/settings/billing/change")
    String confirm(Actor actor, @RequestParam(defaultValue = "") String plan, Model model) {
        Plan current = plans.planOf(actor.requireAdmin().accountId());
        Plan chosen = Plan.find(plan).orElseThrow(() -> new io.atrium.shared.NotFoundException("Plan"));
        if (chosen == current) {
            return "redirect:/settings/billing";
        }
        model.addAttribute("current", current);
        model.addAttribute("chosen", chosen);
        model.addAttribute("changes", changes(plans.limits(current), plans.limits(chosen)));
        return "plan/change";
    }

    static List<LimitChange> changes(PlanSettings.Limits before, PlanSettings.Limits after) {
        List<LimitChange> changes = new java.util.ArrayList<>();
        for (EndpointCategory category : EndpointCategory.values()) {
            add(changes, "API requests: " + category.key(), rate(before.rateLimits().get(category.key())),
                    rate(after.rateLimits().get(category.key())));
        }
        add(changes, "Indexing tasks", count(before.indexingTasksPerDay()) + " a day",
                count(after.indexingTasksPerDay()) + " a day");
        add(changes, "Video indexed", minutes(before.indexingMinutes()), minutes(after.indexingMinutes()));
        add(changes, "Index retention", retention(before.indexRetention()), retention(after.indexRetention()));
        return changes;
    }

    private static void add(List<LimitChange> changes, String limit, String before, String after) {
        if (!before.equals(after)) {
            changes.add(new LimitChange(limit, before, after));
        }
    }

    private static String rate(PlanSettings.RateLimit limit) {
        return limit == null ? "—" : count(limit.perMinute()) + " a minute, " + count(limit.perDay()) + " a day";
    }

    private static String minutes(Integer minutes) {
        return minutes == null ? "No quota" : count(minutes) + " minutes in all";
    }

    private static String retention(java.time.Duration retention) {
        return retention == null ? "Kept until deleted" : retention.toDays() + " days";
    }

    private static String count(long value) {
        return String.format(java.util.Locale.ENGLISH, "%,d", value);
    }

    @PostMapping("/settings/billing")
    String change(Actor actor, @RequestParam(defaultValue = "") String plan,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Plan changed;
        try {
            changed = plans.change(actor, plan);
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("planError", e.getMessage());
            return show(actor, model);
        }
        redirect.addFlashAttribute("notice", "The plan is now " + changed.title() + ". Its limits apply from the next request.");
        return "redirect:/settings/billing";
    }
}
