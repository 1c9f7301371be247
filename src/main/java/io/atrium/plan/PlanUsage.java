package io.atrium.plan;

/**
 * How much of its plan's quotas an account uses now, for Settings > Billing & Plan. The videos feature, which counts
 * them when it enforces the quotas, implements it, so this feature shows them without depending on it.
 */
public interface PlanUsage {

    /**
     * @param tasksToday indexing tasks started this UTC day (against {@code indexing-tasks-per-day})
     * @param minutesIndexed minutes of video the account holds (against {@code indexing-minutes})
     */
    record Used(long tasksToday, double minutesIndexed) {
    }

    Used used(String accountId);
}
