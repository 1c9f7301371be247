package io.atrium.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * Delivers the outbox: every message is a job ({@link #JOB}, its id the message's), queued with it and run by one
 * node at a time. Failures are retried with exponential backoff, then the message is marked failed. A node that dies
 * after the SMTP server accepted a message but before marking it sent leaves the job to be revived on another node:
 * delivery is at least once, and {@link DeliveryChannel} gives every attempt the same Message-ID.
 */
@Configuration(proxyBeanMethods = false)
class OutboxDelivery {

    static final TaskDescriptor<Void> JOB = TaskDescriptor.of("mail-delivery");

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** When the job itself breaks (the database is away), not the delivery: it is tried again after this. */
    private static final Duration AFTER_BREAKDOWN = Duration.ofMinutes(1);

    private final OutboxRepository outbox;
    private final DeliveryChannel channel;
    private final MailProperties properties;
    private final Clock clock;

    OutboxDelivery(OutboxRepository outbox, DeliveryChannel channel, MailProperties properties, Clock clock) {
        this.outbox = outbox;
        this.channel = channel;
        this.properties = properties;
        this.clock = clock;
    }

    @Bean
    Task<Void> mailDeliveryJob() {
        return Tasks.custom(JOB)
                .onDeadExecutionRevive()
                .onFailure(new FailureHandler.OnFailureRetryLater<>(AFTER_BREAKDOWN))
                .execute((instance, context) -> send(instance.getId()));
    }

    private CompletionHandler<Void> send(String id) {
        OutboxRow mail = outbox.find(id).filter(row -> row.status() == OutboxStatus.PENDING).orElse(null);
        if (mail == null) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        int attempts = mail.attempts() + 1;
        try {
            channel.deliver(mail);
            // A secret has no business in the outbox once the message is gone over SMTP. Without SMTP the
            // development inbox is the recipient's mailbox and the only copy, so it keeps the body.
            outbox.markSent(mail.id(), attempts, clock.instant(), channel.smtp());
            return new CompletionHandler.OnCompleteRemove<>();
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            error = error.length() > 1000 ? error.substring(0, 1000) : error;
            if (attempts >= properties.maxAttempts()) {
                log.warn("Giving up on mail {} after {} attempts: {}", mail.id(), attempts, error);
                outbox.markFailed(mail.id(), attempts, error, channel.smtp());
                return new CompletionHandler.OnCompleteRemove<>();
            }
            Duration wait = backoff(attempts);
            Instant next = clock.instant().plus(wait);
            log.info("Mail {} not delivered (attempt {}), retrying in {}: {}", mail.id(), attempts, wait, error);
            outbox.markRetry(mail.id(), attempts, next, error);
            return (complete, operations) -> operations.reschedule(complete, next);
        }
    }

    private Duration backoff(int attempts) {
        Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
