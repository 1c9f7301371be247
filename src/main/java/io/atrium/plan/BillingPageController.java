package io.atrium.plan;

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
    record PlanColumn(String name, String title, PlanSettings.Plan limits, boolean current) {
    }

    private final PlanService plans;

    BillingPageController(PlanService plans) {
        this.plans = plans;
    }

    @GetMapping("/settings/billing")
    String show(Actor actor, Model model) {
        String current = plans.planOf(actor.requireAdmin().accountId());
        List<PlanColumn> columns = PlanService.PLANS.stream()
                .map(name -> new PlanColumn(name, title(name), plans.limits(name), name.equals(current)))
                .toList();
        model.addAttribute("plans", columns);
        model.addAttribute("currentPlan", current);
        model.addAttribute("categories", EndpointCategory.values());
        return "plan/billing";
    }

    @PostMapping("/settings/billing")
    String change(Actor actor, @RequestParam(defaultValue = "") String plan,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            plans.change(actor, plan);
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("planError", e.getMessage());
            return show(actor, model);
        }
        redirect.addFlashAttribute("notice", "The plan is now " + title(plan) + ". Its limits apply from the next request.");
        return "redirect:/settings/billing";
    }

    /** A plan's name as pages show it: {@code developer} → Developer. */
    private static String title(String plan) {
        return Character.toUpperCase(plan.charAt(0)) + plan.substring(1);
    }
}
