package io.atrium.billing;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

import io.atrium.api.ApiController;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code /api/v1/billing}: the account's statements (list, one month as JSON, CSV or PDF), its budget and its billing
 * contact. Admins only: a member's key is answered 403, as for {@code /api/v1/usage}.
 */
@ApiController
@RequestMapping("/api/v1/billing")
class BillingApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LineJson(String item, String description, String quantity, String unit, String unitPrice, String amount,
            long amountMinor) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ContactJson(String name, String email, String address, String taxId) {
    }

    /** Amounts as decimal strings in the currency's major unit, and exactly in minor units. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatementJson(String month, String status, String plan, String currency, LocalDate through,
            Instant closedAt, ContactJson billingContact, List<LineJson> lines, String total, long totalMinor,
            String projectedTotal, Long projectedTotalMinor, String usageUrl) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SummaryJson(String month, String status, String currency, String total, long totalMinor,
            String projectedTotal, Long projectedTotalMinor, Instant closedAt) {
    }

    record StatementsJson(List<SummaryJson> data) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BudgetJson(String amount, long amountMinor, String currency, boolean stopIndexing, List<Integer> alertThresholds) {
    }

    /** {@code amount} in major units ({@code "250.00"}); blank or null removes the budget. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BudgetRequest(String amount, Boolean stopIndexing) {
    }

    private final BillingService billing;
    private final Budgets budgets;

    BillingApiController(BillingService billing, Budgets budgets) {
        this.billing = billing;
        this.budgets = budgets;
    }

    @GetMapping("/statements")
    @Operation(summary = "The account's statements, newest first",
            description = "The current month so far (status open, with a projection to the month's end), the month "
                    + "before while not yet closed, and every closed month. Admins only.")
    StatementsJson statements(Actor actor) {
        return new StatementsJson(billing.statements(actor).stream().map(statement -> new SummaryJson(
                statement.month().toString(), statement.status(), statement.currency(), statement.totalText(),
                statement.totalMinor(), statement.projectedTotalText(), statement.projectedTotalMinor(),
                statement.closedAt())).toList());
    }

    @GetMapping("/statements/{month}")
    @Operation(summary = "One month's statement (yyyy-mm, UTC)",
            description = "400 parameter_invalid for a month not written yyyy-mm; 404 for a future month or one "
                    + "before the account existed. Admins only.")
    StatementJson statement(Actor actor, @PathVariable String month) {
        Statement statement = billing.statement(actor, month);
        BillingContact contact = statement.contact();
        return new StatementJson(statement.month().toString(), statement.status(), statement.plan(),
                statement.currency(), statement.through(), statement.closedAt(),
                new ContactJson(contact.name(), contact.email(), contact.address(), contact.taxId()),
                statement.lines().stream().map(line -> new LineJson(line.kind().code(), line.kind().description(),
                        line.quantityText(), line.kind().unit(), line.unitPriceText(),
                        statement.amount(line.amountMinor()), line.amountMinor())).toList(),
                statement.totalText(), statement.totalMinor(), statement.projectedTotalText(),
                statement.projectedTotalMinor(), statement.usagePath());
    }

    @GetMapping("/statements/{month}.csv")
    @Operation(summary = "One month's statement as CSV")
    @ApiResponse(responseCode = "200", description = "month,status,item,quantity,unit,unit_price,amount,currency",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    void csv(Actor actor, @PathVariable String month, HttpServletResponse response) throws IOException {
        StatementCsv.write(billing.statement(actor, month), response);
    }

    @GetMapping("/statements/{month}.pdf")
    @Operation(summary = "One month's statement as PDF")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf",
            schema = @Schema(type = "string", format = "binary")))
    void pdf(Actor actor, @PathVariable String month, HttpServletResponse response) throws IOException {
        Statement statement = billing.statement(actor, month);
        BillingDownloads.pdf(statement, billing.accountName(actor.accountId()), response);
    }

    @GetMapping("/budget")
    @Operation(summary = "The account's monthly budget (404 when it has none)")
    BudgetJson budget(Actor actor) {
        return budgets.budget(actor).map(BillingApiController::json).orElseThrow(() -> new NotFoundException("Budget"));
    }

    @PutMapping("/budget")
    @Operation(summary = "Sets the monthly budget in the configured currency",
            description = "amount in major units as a string (\"250.00\"), more than 0 and at most 1,000,000,000; "
                    + "stop_indexing refuses new indexing tasks (429 too_many_requests) once the month reaches it. "
                    + "Alerts go to the administrators at 50, 80 and 100 %.")
    ResponseEntity<BudgetJson> changeBudget(Actor actor, @RequestBody BudgetRequest request) {
        if (request.amount() == null || request.amount().isBlank()) {
            throw new InvalidInputException("amount", "parameter_not_provided",
                    "amount is required; DELETE /api/v1/billing/budget removes the budget.");
        }
        Budget budget = budgets.change(actor, request.amount(), Boolean.TRUE.equals(request.stopIndexing())).orElseThrow();
        return ResponseEntity.ok(json(budget));
    }

    @DeleteMapping("/budget")
    @Operation(summary = "Removes the monthly budget")
    ResponseEntity<Void> deleteBudget(Actor actor) {
        budgets.change(actor, null, false);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    @GetMapping("/contact")
    @Operation(summary = "The billing contact put on statements and sent each closed statement")
    ContactJson contact(Actor actor) {
        BillingContact contact = billing.contact(actor);
        return new ContactJson(contact.name(), contact.email(), contact.address(), contact.taxId());
    }

    @PutMapping("/contact")
    @Operation(summary = "Sets the billing contact (free text; a blank field is cleared)")
    ContactJson changeContact(Actor actor, @RequestBody ContactJson request) {
        BillingContact contact = billing.changeContact(actor,
                new BillingContact(request.name(), request.email(), request.address(), request.taxId()));
        return new ContactJson(contact.name(), contact.email(), contact.address(), contact.taxId());
    }

    private static BudgetJson json(Budget budget) {
        return new BudgetJson(budget.amountText(), budget.amountMinor(), budget.currency(), budget.stopIndexing(),
                Budgets.THRESHOLDS);
    }
}
