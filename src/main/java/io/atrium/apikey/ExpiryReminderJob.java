package io.atrium.apikey;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * Looks for keys to remind of their expiry every {@code atrium.api-keys.expiry-reminder-interval} (default an hour)
 * and sends their reminders ({@link ExpiryReminders#sendDue}). A recurring job of db-scheduler: however many nodes
 * there are, one of them runs it at a time, on the application's clock.
 */
@Configuration(proxyBeanMethods = false)
class ExpiryReminderJob {

    static final String NAME = "api-key-expiry-reminders";

    private static final Logger log = LoggerFactory.getLogger(ExpiryReminderJob.class);

    /** The reminders are looked up when the job runs: they need the mail outbox, which needs the scheduler. */
    @Bean
    RecurringTask<Void> apiKeyExpiryReminderJob(ObjectProvider<ExpiryReminders> reminders,
            @Value("${atrium.api-keys.expiry-reminder-interval:1h}") Duration interval) {
        return Tasks.recurring(NAME, FixedDelay.of(interval))
                .execute((instance, context) -> {
                    int sent = reminders.getObject().sendDue();
                    if (sent > 0) {
                        log.info("Sent {} API key expiry reminders", sent);
                    }
                });
    }
}
