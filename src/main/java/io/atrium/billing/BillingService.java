package io.atrium.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.plan.PlanService;
import io.atrium.shared.Actor;
import io.atrium.shared.EmailAddresses;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.usage.UsageService;

/**
 * Statements (the month so far, and closed months frozen as they were), the billing contact, and closing a month once
 * it ended. Every method that answers someone takes their {@link Actor} and wants an administrator.
 */
@Service
public class BillingService {

    private static final Logger log = LoggerFactory.getLogger(BillingService.class);
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    static final int MAX_CONTACT_FIELD = 200;
    static final int MAX_ADDRESS = 1000;
    static final int MAX_TAX_ID = 100;

    private final BillingRepository billing;
    private final BillingProperties properties;
    private final PlanService plans;
    private final UsageService usage;
    private final StatementMails mails;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BillingService(BillingRepository billing, BillingProperties properties, PlanService plans, UsageService usage,
            StatementMails mails, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.billing = billing;
        this.properties = properties;
        this.plans = plans;
        this.usage = usage;
        this.mails = mails;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The prices of the account's plan now. */
    public RateCard rateCard(String accountId) {
        return properties.rateCard(plans.planOf(accountId));
    }

    /**
     * The account's statements, newest first: the current month so far, the month before while it is not closed yet,
     * and every closed month.
     */
    @Transactional(readOnly = true)
    public List<Statement> statements(Actor actor) {
        String accountId = actor.requireAdmin().accountId();
        YearMonth current = currentMonth();
        YearMonth first = firstMonth(accountId);
        List<Statement> statements = new ArrayList<>();
        statements.add(open(accountId, current));
        List<BillingRepository.StatementRow> closed = billing.statements(accountId);
        YearMonth previous = current.minusMonths(1);
        if (!previous.isBefore(first) && closed.stream().noneMatch(row -> row.month().equals(previous))) {
            statements.add(open(accountId, previous));
        }
        closed.forEach(row -> statements.add(closed(row)));
        return statements;
    }

    /**
     * One month's statement: frozen once closed, counted from the usage until then.
     *
     * @param month {@code yyyy-mm}
     * @throws InvalidInputException for a month that is not {@code yyyy-mm}
     * @throws NotFoundException for a month after the current one or before the account existed
     */
    @Transactional(readOnly = true)
    public Statement statement(Actor actor, String month) {
        String accountId = actor.requireAdmin().accountId();
        YearMonth asked = parseMonth(month);
        if (asked.isAfter(currentMonth()) || asked.isBefore(firstMonth(accountId))) {
            throw new NotFoundException("Statement");
        }
        return billing.statement(accountId, asked).map(this::closed).orElseGet(() -> open(accountId, asked));
    }

    /** The current month so far, for the budget and for the page. */
    Statement currentStatement(String accountId) {
        return open(accountId, currentMonth());
    }

    /** The organization's name, or the personal account's user's. */
    String accountName(String accountId) {
        return billing.accountName(accountId);
    }

    public BillingContact contact(Actor actor) {
        return billing.contact(actor.requireAdmin().accountId()).orElse(BillingContact.NONE);
    }

    /**
     * Sets the billing contact; blank fields are left empty.
     *
     * @throws InvalidInputException naming each field that is too long, or an email that is not an address
     */
    @Transactional
    public BillingContact changeContact(Actor actor, BillingContact submitted) {
        String accountId = actor.requireAdmin().accountId();
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        BillingContact contact = new BillingContact(text(problems, "name", submitted.name(), MAX_CONTACT_FIELD),
                text(problems, "email", submitted.email(), EmailAddresses.MAX_LENGTH),
                text(problems, "address", submitted.address(), MAX_ADDRESS),
                text(problems, "taxId", submitted.taxId(), MAX_TAX_ID));
        if (contact.email() != null && !EmailAddresses.isValid(contact.email())) {
            problems.add(new InvalidInputException.Problem("email", "parameter_invalid",
                    "Enter a valid email address, like billing@example.com, or leave it empty."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        billing.saveContact(accountId, contact, clock.instant());
        audit.record(accountId, actor.userId(), AuditAction.BILLING_DETAILS_CHANGED, billing.accountName(accountId),
                "name=" + orNone(contact.name()) + ", email=" + orNone(contact.email()) + ", tax_id="
                        + orNone(contact.taxId()) + ", address " + (contact.address() == null ? "none" : "set"));
        return contact;
    }

    /**
     * Closes the month before the current one for every account that existed in it and has no statement of it yet,
     * and mails it unless its plan's prices are all zero:
     * each in a transaction of its own, which loses to a close of the same statement on another node (its insert then
     * fails on the statement's key, and its audit entry and mail go with it).
     *
     * @return how many statements this call closed
     */
    public int closeEndedMonth() {
        YearMonth month = currentMonth().minusMonths(1);
        int closed = 0;
        for (String accountId : billing.accountsToClose(month)) {
            try {
                transactions.executeWithoutResult(status -> close(accountId, month));
                closed++;
            } catch (DuplicateKeyException closedElsewhere) {
                log.debug("The {} statement of {} was closed by another run", month, accountId);
            }
        }
        return closed;
    }

    private void close(String accountId, YearMonth month) {
        RateCard rates = rateCard(accountId);
        List<StatementLine> lines = StatementCalculator.lines(rates, usageDays(accountId, month, month.atEndOfMonth()),
                month.lengthOfMonth());
        Instant now = clock.instant();
        Statement statement = new Statement(accountId, month, rates.plan(), rates.currency(), lines,
                StatementCalculator.total(lines), null, month.atEndOfMonth(),
                billing.contact(accountId).orElse(BillingContact.NONE), now);
        billing.insertStatement(statement);
        String accountName = billing.accountName(accountId);
        audit.record(accountId, null, AuditAction.STATEMENT_CLOSED, statement.monthName(),
                "total=" + statement.totalText() + " " + statement.currency() + ", " + rates.describe());
        if (!rates.chargesNothing()) {
            // a server that prices nothing (the default) closes statements without mailing everyone a zero
            mails.closed(statement, accountName, billing.administratorEmails(accountId));
        }
    }

    private Statement open(String accountId, YearMonth month) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate through = month.atEndOfMonth().isBefore(today) ? month.atEndOfMonth() : today;
        RateCard rates = rateCard(accountId);
        List<StatementLine> lines = StatementCalculator.lines(rates, usageDays(accountId, month, through),
                month.lengthOfMonth());
        return new Statement(accountId, month, rates.plan(), rates.currency(), lines, StatementCalculator.total(lines),
                StatementCalculator.projectedTotal(lines, through.getDayOfMonth(), month.lengthOfMonth()), through,
                billing.contact(accountId).orElse(BillingContact.NONE), null);
    }

    private Statement closed(BillingRepository.StatementRow row) {
        return new Statement(row.accountId(), row.month(), row.plan(), row.currency(),
                billing.lines(row.accountId(), row.month()), row.totalMinor(), null, row.month().atEndOfMonth(),
                row.contact(), row.closedAt());
    }

    private List<UsageService.DayUsage> usageDays(String accountId, YearMonth month, LocalDate through) {
        return usage.report(accountId, month.atDay(1).toString(), through.toString()).days();
    }

    private YearMonth currentMonth() {
        return YearMonth.from(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    private YearMonth firstMonth(String accountId) {
        Instant created = billing.createdAt(accountId).orElseThrow(() -> new NotFoundException("Account"));
        return YearMonth.from(LocalDate.ofInstant(created, ZoneOffset.UTC));
    }

    /** @throws InvalidInputException unless {@code yyyy-mm} */
    static YearMonth parseMonth(String month) {
        if (month == null || !MONTH.matcher(month).matches()) {
            throw badMonth();
        }
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw badMonth();
        }
    }

    private static InvalidInputException badMonth() {
        return new InvalidInputException("month", "parameter_invalid", "The month must be written yyyy-mm, such as 2026-11.");
    }

    private static String text(List<InvalidInputException.Problem> problems, String field, String value, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.length() > max) {
            problems.add(new InvalidInputException.Problem(field, "parameter_invalid",
                    "Use at most " + max + " characters."));
        }
        return stripped.isEmpty() ? null : stripped;
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
