package io.atrium.plan;

import java.time.Duration;
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
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.shared.Actor;
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

    static final Duration MAX_STALENESS = Duration.ofMillis(900);
    static final Duration REFRESH_AFTER = Duration.ofMillis(400);

    private final PlanSettings settings;
    private final AccountService accounts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final LoadingCache<String, Optional<Plan>> plansByAccount;

    PlanService(PlanSettings settings, AccountService accounts, AuditLog audit, ApplicationEventPublisher events) {
        this.settings = settings;
        this.accounts = accounts;
        this.audit = audit;
        this.events = events;
        this.plansByAccount = Caffeine.newBuilder()
                .maximumSize(100_000)
                .refreshAfterWrite(REFRESH_AFTER)
                .expireAfterWrite(MAX_STALENESS)
                .build(accountId -> accounts.findAccount(accountId).map(PlanService::plan));
    }

    /** @throws NotFoundException when there is no such account */
    public Plan planOf(String accountId) {
        return plansByAccount.get(accountId).orElseThrow(() -> new NotFoundException("Account"));
    }

    public PlanSettings.Limits limitsOf(String accountId) {
        return settings.of(planOf(accountId));
    }

    public PlanSettings.Limits limits(Plan plan) {
        return settings.of(plan);
    }

    /** The plan the account is on; a value this server does not know (there is none today) counts as free. */
    private static Plan plan(AccountView account) {
        return Plan.find(account.plan()).orElse(Plan.FREE);
    }

    /** The per-minute and per-day limit of the account's plan for a category. */
    public PlanSettings.RateLimit rateLimit(Plan plan, EndpointCategory category) {
        PlanSettings.RateLimit limit = settings.of(plan).rateLimits().get(category.key());
        if (limit == null) {
            throw new IllegalStateException("atrium.plans." + plan.value() + ".rate-limits." + category.key()
                    + " is not configured");
        }
        return limit;
    }

    /**
     * Changes the plan of the actor's account; only its admins (or the owner of a personal account) may.
     *
     * @throws io.atrium.shared.ForbiddenException for a member of an organization
     * @return the plan the account is now on
     * @throws InvalidInputException for an unknown plan
     */
    @Transactional
    public Plan change(Actor actor, String planValue) {
        actor.requireAdmin();
        AccountView account = accounts.findAccount(actor.accountId()).orElseThrow();
        Plan plan = Plan.find(planValue).orElseThrow(() -> new InvalidInputException("plan", "parameter_invalid",
                "Choose free, developer or enterprise."));
        String before = account.plan();
        if (before.equals(plan.value())) {
            return plan;
        }
        accounts.changePlan(account.id(), plan.value());
        events.publishEvent(new PlanChanged(account.id()));
        audit.record(account.id(), actor.userId(), AuditAction.PLAN_CHANGED, account.name(),
                "from=" + before + ", to=" + plan.value());
        return plan;
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
