package io.atrium.plan;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.atrium.account.AccountService;
import io.atrium.account.AccountView;
import io.atrium.audit.AuditLog;
import io.atrium.organization.ActiveAccount;
import io.atrium.organization.ActiveAccounts;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;

/**
 * Which plan an account is on, what it allows, and changing it (R-PLAN-1). The rate limiter asks for the plan on
 * every API request, so the plan is cached per account for at most {@link #MAX_STALENESS} (the same bound as API
 * keys): a busy account costs about two lookups a second, a change made here is seen here at once, and one made
 * on another node within a second.
 */
@Service
public class PlanService {

    public static final List<String> PLANS = List.of("free", "developer", "enterprise");

    static final Duration MAX_STALENESS = Duration.ofMillis(900);
    static final Duration REFRESH_AFTER = Duration.ofMillis(400);

    private final PlanSettings settings;
    private final AccountService accounts;
    private final ActiveAccounts activeAccounts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final LoadingCache<String, Optional<String>> plansByAccount;

    PlanService(PlanSettings settings, AccountService accounts, ActiveAccounts activeAccounts, AuditLog audit,
            ApplicationEventPublisher events) {
        this.settings = settings;
        this.accounts = accounts;
        this.activeAccounts = activeAccounts;
        this.audit = audit;
        this.events = events;
        this.plansByAccount = Caffeine.newBuilder()
                .maximumSize(100_000)
                .refreshAfterWrite(REFRESH_AFTER)
                .expireAfterWrite(MAX_STALENESS)
                .build(accountId -> accounts.findAccount(accountId).map(AccountView::plan));
    }

    /** @throws NotFoundException when there is no such account */
    public String planOf(String accountId) {
        return plansByAccount.get(accountId).orElseThrow(() -> new NotFoundException("Account"));
    }

    public PlanSettings.Plan limitsOf(String accountId) {
        return settings.plan(planOf(accountId));
    }

    public PlanSettings.Plan limits(String plan) {
        return settings.plan(plan);
    }

    /** The per-minute and per-day limit of the account's plan for a category. */
    public PlanSettings.RateLimit rateLimit(String plan, EndpointCategory category) {
        PlanSettings.RateLimit limit = settings.plan(plan).rateLimits().get(category.key());
        if (limit == null) {
            throw new IllegalStateException("atrium.plans." + plan + ".rate-limits." + category.key() + " is not configured");
        }
        return limit;
    }

    /**
     * Changes the plan of the user's active account; only its admins (or the owner of a personal account) may.
     *
     * @throws NotFoundException for a member of an organization, from whom Billing & Plan is hidden
     * @throws InvalidInputException for an unknown plan
     */
    @Transactional
    public void change(String userId, String plan) {
        ActiveAccount active = activeAccounts.requireAdmin(userId);
        if (plan == null || !PLANS.contains(plan)) {
            throw new InvalidInputException("plan", "parameter_invalid", "Choose free, developer or enterprise.");
        }
        String before = active.account().plan();
        if (before.equals(plan)) {
            return;
        }
        accounts.changePlan(active.id(), plan);
        events.publishEvent(new PlanChanged(active.id()));
        audit.record(active.id(), userId, "account.plan_changed", active.account().name(), "from=" + before + ", to=" + plan);
    }

    /**
     * This node sees the new plan from its next request on; other nodes within {@link #MAX_STALENESS}. After the
     * commit, so that a request in between cannot cache the old plan again.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void forgetPlan(PlanChanged changed) {
        plansByAccount.invalidate(changed.accountId());
    }
}
