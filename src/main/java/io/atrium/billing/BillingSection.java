package io.atrium.billing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import io.atrium.plan.PlanPageSection;
import io.atrium.shared.Actor;

/** Billing's part of Settings > Billing & Plan: the rate card, the month so far, statements, contact and budget. */
@Component
class BillingSection implements PlanPageSection {

    private final BillingService billing;
    private final Budgets budgets;

    BillingSection(BillingService billing, Budgets budgets) {
        this.billing = billing;
        this.budgets = budgets;
    }

    @Override
    public String template() {
        return "billing/section";
    }

    @Override
    public void addTo(Actor admin, Model model) {
        List<Statement> statements = billing.statements(admin);
        Optional<Budget> budget = budgets.budget(admin);
        model.addAttribute("rateCard", billing.rateCard(admin.accountId()));
        model.addAttribute("currentStatement", statements.get(0));
        model.addAttribute("statements", statements);
        model.addAttribute("budget", budget.orElse(null));
        model.addAttribute("alertThresholds", Budgets.THRESHOLDS);
        if (!model.containsAttribute("contactForm")) {
            model.addAttribute("contactForm", billing.contact(admin));
            model.addAttribute("contactErrors", Map.of());
        }
        if (!model.containsAttribute("budgetForm")) {
            model.addAttribute("budgetForm", budget
                    .map(set -> Map.<String, Object>of("amount", set.amountText(), "stopIndexing", set.stopIndexing()))
                    .orElse(Map.of("amount", "", "stopIndexing", false)));
            model.addAttribute("budgetErrors", Map.of());
        }
    }
}
