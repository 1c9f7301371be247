package io.atrium.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

/**
 * The jobs of webhooks, on db-scheduler like mail: every delivery is a job ({@link #JOB}, its id the delivery's),
 * written with it in the event's transaction, picked by one node at a time among the job threads
 * ({@code atrium.jobs.threads}), so deliveries to several endpoints go out side by side, and revived on another node
 * when its node dies (delivery is at least once; receivers tell repeats by {@code webhook-id}). A failed attempt
 * reschedules the job for its retry. A recurring job prunes the log.
 */
@Configuration(proxyBeanMethods = false)
class WebhookDelivery {

    static final TaskDescriptor<Void> JOB = TaskDescriptor.of("webhook-delivery");

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    /** When the job itself breaks (the database is away), not the delivery: it is tried again after this. */
    private static final Duration AFTER_BREAKDOWN = Duration.ofMinutes(1);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    /**
     * Looked up when a job runs: they mail through the outbox, which schedules through the scheduler, which is built
     * from these jobs.
     */
    private final ObjectProvider<DeliveryAttempts> attempts;

    WebhookDelivery(ObjectProvider<DeliveryAttempts> attempts) {
        this.attempts = attempts;
    }

    @Bean
    Task<Void> webhookDeliveryJob() {
        return Tasks.custom(JOB)
                .onDeadExecutionRevive()
                .onFailure(new FailureHandler.OnFailureRetryLater<>(AFTER_BREAKDOWN))
                .execute((instance, context) -> {
                    Optional<Instant> retry = attempts.getObject().attempt(instance.getId());
                    return retry.<CompletionHandler<Void>>map(next -> (complete, operations) -> operations.reschedule(complete, next))
                            .orElseGet(CompletionHandler.OnCompleteRemove::new);
                });
    }

    /** Deletes deliveries older than {@code atrium.webhooks.retention}, once an hour on one node. */
    @Bean
    RecurringTask<Void> webhookDeliveryRetentionJob(DeliveryRepository deliveries, WebhookProperties properties,
            Clock clock) {
        return Tasks.recurring("webhook-delivery-retention", FixedDelay.of(PRUNE_EVERY))
                .execute((instance, context) -> {
                    int deleted = deliveries.deleteFinishedBefore(clock.instant().minus(properties.retention()));
                    if (deleted > 0) {
                        log.info("Deleted {} webhook deliveries older than {}", deleted, properties.retention());
                    }
                });
    }
}
