package io.atrium.plan;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.account.AccountService;
import io.atrium.account.AccountView;
import io.atrium.audit.AuditLog;
import io.atrium.organization.ActiveAccount;
import io.atrium.organization.ActiveAccounts;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;

/** Which plan an account is on, what it allows, and changing it (R-PLAN-1). */
@Service
public class PlanService {

    public static final List<String> PLANS = List.of("free", "developer", "enterprise");

    private final PlanSettings settings;
    private final AccountService accounts;
    private final ActiveAccounts activeAccounts;
    private final AuditLog audit;

    PlanService(PlanSettings settings, AccountService accounts, ActiveAccounts activeAccounts, AuditLog audit) {
        this.settings = settings;
        this.accounts = accounts;
        this.activeAccounts = activeAccounts;
        this.audit = audit;
    }

    public String planOf(String accountId) {
        return accounts.findAccount(accountId).map(AccountView::plan).orElseThrow(() -> new NotFoundException("Account"));
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
        audit.record(active.id(), userId, "account.plan_changed", active.account().name(), "from=" + before + ", to=" + plan);
    }
}
