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

    private final PlanService plans;

    BillingPageController(PlanService plans) {
        this.plans = plans;
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
        return "plan/billing";
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
