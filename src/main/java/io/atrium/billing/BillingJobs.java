package io.atrium.billing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Billing's recurring jobs on db-scheduler (one node at a time, on the application's clock): closing the month that
 * ended ({@link BillingService#closeEndedMonth}) every {@code atrium.billing.close-interval}, and the budget alerts
 * ({@link Budgets#sendAlerts}) every {@code atrium.billing.alert-interval}. Both are safe to run again, or on two nodes
 * at once: what they write is keyed by account and month.
 */
@Configuration(proxyBeanMethods = false)
class BillingJobs {

    private static final Logger log = LoggerFactory.getLogger(BillingJobs.class);

    /** The services are looked up when the job runs: they send mail, which needs the scheduler built from the jobs. */
    @Bean
    RecurringTask<Void> billingCloseMonthJob(ObjectProvider<BillingService> billing, BillingProperties properties) {
        return Tasks.recurring("billing-close-month", FixedDelay.of(properties.closeInterval()))
                .execute((instance, context) -> {
                    int closed = billing.getObject().closeEndedMonth();
                    if (closed > 0) {
                        log.info("Closed {} monthly statements", closed);
                    }
                });
    }

    @Bean
    RecurringTask<Void> billingBudgetAlertJob(ObjectProvider<Budgets> budgets, BillingProperties properties) {
        return Tasks.recurring("billing-budget-alerts", FixedDelay.of(properties.alertInterval()))
                .execute((instance, context) -> budgets.getObject().sendAlerts());
    }
}
