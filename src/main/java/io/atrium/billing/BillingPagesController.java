package io.atrium.billing;

import java.io.IOException;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A statement's page, CSV and PDF, and the billing contact and budget forms of Settings > Billing & Plan (admins;
 * anyone else is answered 404, as the page itself). A refused form goes back to the page with its messages next to
 * its fields and what was typed.
 */
@Controller
class BillingPagesController {

    private final BillingService billing;
    private final Budgets budgets;

    BillingPagesController(BillingService billing, Budgets budgets) {
        this.billing = billing;
        this.budgets = budgets;
    }

    @GetMapping("/settings/billing/statements/{month}")
    String statement(Actor actor, @PathVariable String month, Model model, HttpServletResponse response)
            throws IOException {
        Statement statement;
        try {
            statement = billing.statement(actor, month);
        } catch (InvalidInputException e) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return null;
        }
        model.addAttribute("statement", statement);
        model.addAttribute("accountName", billing.accountName(actor.accountId()));
        return "billing/statement";
    }

    @GetMapping("/settings/billing/statements/{month}.csv")
    void csv(Actor actor, @PathVariable String month, HttpServletResponse response) throws IOException {
        try {
            StatementCsv.write(billing.statement(actor, month), response);
        } catch (InvalidInputException e) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
        }
    }

    @GetMapping("/settings/billing/statements/{month}.pdf")
    void pdf(Actor actor, @PathVariable String month, HttpServletResponse response) throws IOException {
        try {
            BillingDownloads.pdf(billing.statement(actor, month), billing.accountName(actor.accountId()), response);
        } catch (InvalidInputException e) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
        }
    }

    @PostMapping("/settings/billing/contact")
    String contact(Actor actor, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String address,
            @RequestParam(defaultValue = "") String taxId, RedirectAttributes redirect) {
        BillingContact submitted = new BillingContact(name, email, address, taxId);
        try {
            billing.changeContact(actor, submitted);
            redirect.addFlashAttribute("notice", "The billing contact is saved; the next closed statement goes to it.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("contactForm", submitted);
            redirect.addFlashAttribute("contactErrors", e.messagesByField());
        }
        return "redirect:/settings/billing#billing-contact";
    }

    @PostMapping("/settings/billing/budget")
    String budget(Actor actor, @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "false") boolean stopIndexing, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("notice", budgets.change(actor, amount, stopIndexing)
                    .map(budget -> "The monthly budget is now " + budget.amountText() + " " + budget.currency() + ".")
                    .orElse("The account has no monthly budget now."));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("budgetForm", Map.of("amount", amount, "stopIndexing", stopIndexing));
            redirect.addFlashAttribute("budgetErrors", e.messagesByField());
        }
        return "redirect:/settings/billing#budget";
    }
}
