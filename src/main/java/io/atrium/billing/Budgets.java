package io.atrium.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.plan.IndexingStop;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.QuotaExceededException;

/**
 * An account's monthly budget: alerts to the administrators when the month's total reaches 50, 80 and 100 % of it
 * (each once a month), and, when asked, no new indexing task from 100 % on (429 {@code too_many_requests}, as the
 * plan's limits answer). The total compared is the statement's so far (usage is written every
 * {@code atrium.usage.flush-interval}, so it may lag by that much). A budget set in another currency than the one
 * configured now is kept but not applied until it is set again.
 */
@Service
public class Budgets implements IndexingStop {

    static final List<Integer> THRESHOLDS = List.of(50, 80, 100);
    /** The largest budget accepted, in major units: far above any real month, far below overflowing minor units. */
    static final BigDecimal MAX_BUDGET = BigDecimal.valueOf(1_000_000_000L);

    private static final Logger log = LoggerFactory.getLogger(Budgets.class);

    private final BillingRepository billing;
    private final BillingService statements;
    private final BillingProperties properties;
    private final StatementMails mails;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Budgets(BillingRepository billing, BillingService statements, BillingProperties properties, StatementMails mails,
            AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.billing = billing;
        this.statements = statements;
        this.properties = properties;
        this.mails = mails;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Optional<Budget> budget(Actor actor) {
        return billing.budget(actor.requireAdmin().accountId());
    }

    /**
     * Sets the monthly budget in the configured currency, or removes it when {@code amount} is blank.
     *
     * @param amount in major units, such as {@code 250} or {@code 249.99}
     * @return the budget now, empty once removed
     * @throws InvalidInputException ({@code amount}) for a number that is not positive, has more decimals than the
     *     currency, or is over {@link #MAX_BUDGET}
     */
    @Transactional
    public Optional<Budget> change(Actor actor, String amount, boolean stopIndexing) {
        String accountId = actor.requireAdmin().accountId();
        String name = billing.accountName(accountId);
        if (amount == null || amount.isBlank()) {
            if (billing.deleteBudget(accountId)) {
                audit.record(accountId, actor.userId(), AuditAction.BUDGET_CHANGED, name, "budget=none");
            }
            return Optional.empty();
        }
        Budget budget = new Budget(minorUnits(amount.strip()), properties.currency(), stopIndexing);
        billing.saveBudget(accountId, budget, clock.instant());
        audit.record(accountId, actor.userId(), AuditAction.BUDGET_CHANGED, name, "budget=" + budget.amountText() + " "
                + budget.currency() + ", stop_indexing=" + stopIndexing);
        return Optional.of(budget);
    }

    private long minorUnits(String amount) {
        int digits = Money.minorDigits(properties.currency());
        BigDecimal value;
        try {
            value = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw invalid("Enter the budget as a number, such as 250 or 249.99.");
        }
        if (value.signum() <= 0) {
            throw invalid("The budget must be more than 0; leave it empty for no budget.");
        }
        if (value.compareTo(MAX_BUDGET) > 0) {
            throw invalid("The budget can be at most " + MAX_BUDGET.toPlainString() + " " + properties.currency() + ".");
        }
        if (value.stripTrailingZeros().scale() > digits) {
            throw invalid(digits == 0 ? "Enter a whole number of " + properties.currency() + "."
                    : "Use at most " + digits + " decimals.");
        }
        return value.movePointRight(digits).longValueExact();
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("amount", "parameter_invalid", message);
    }

    @Override
    public void requireIndexingAllowed(String accountId) {
        Optional<Budget> budget = billing.budget(accountId).filter(Budget::stopIndexing).filter(this::applies);
        if (budget.isEmpty()) {
            return;
        }
        Statement month = statements.currentStatement(accountId);
        if (month.totalMinor() >= budget.get().amountMinor()) {
            throw new QuotaExceededException("video_file", "This account has used its monthly budget of "
                    + budget.get().amountText() + " " + budget.get().currency() + " (" + month.totalText() + " "
                    + month.currency() + " in " + month.monthName() + "), which stops new indexing. An administrator "
                    + "can raise the budget on Settings > Billing & Plan; otherwise indexing starts again next month (UTC).");
        }
    }

    /**
     * Compares every budget with its account's month so far and mails the administrators for each threshold reached
     * and not yet mailed this month: all thresholds reached are recorded, and one mail names the highest. Each account
     * in a transaction of its own, whose alert rows make a run on another node send nothing twice.
     *
     * @return how many alerts were mailed
     */
    public int sendAlerts() {
        int sent = 0;
        for (String accountId : billing.accountsWithBudget()) {
            try {
                Boolean mailed = transactions.execute(status -> alert(accountId));
                sent += Boolean.TRUE.equals(mailed) ? 1 : 0;
            } catch (DuplicateKeyException alertedElsewhere) {
                log.debug("The budget alert of {} was sent by another run", accountId);
            }
        }
        return sent;
    }

    private boolean alert(String accountId) {
        Optional<Budget> found = billing.budget(accountId).filter(this::applies);
        if (found.isEmpty()) {
            return false;
        }
        Budget budget = found.get();
        Statement month = statements.currentStatement(accountId);
        YearMonth period = month.month();
        List<Integer> alerted = billing.alertedThresholds(accountId, period);
        int highest = 0;
        for (int threshold : THRESHOLDS) {
            boolean reached = BigDecimal.valueOf(month.totalMinor()).multiply(BigDecimal.valueOf(100))
                    .compareTo(BigDecimal.valueOf(budget.amountMinor()).multiply(BigDecimal.valueOf(threshold))) >= 0;
            if (reached && !alerted.contains(threshold)) {
                billing.insertAlert(accountId, period, threshold, clock.instant());
                highest = threshold;
            }
        }
        if (highest == 0) {
            return false;
        }
        mails.budgetReached(billing.accountName(accountId), month, budget, highest, billing.administratorEmails(accountId));
        return true;
    }

    private boolean applies(Budget budget) {
        return budget.currency().equals(properties.currency());
    }
}
