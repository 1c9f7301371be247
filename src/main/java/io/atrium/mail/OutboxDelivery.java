package io.atrium.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers due messages from the outbox. Each node runs it; a message is claimed before it is sent, so no
 * two nodes send it at the same time. Failures are retried with exponential backoff, then marked failed. A node
 * that dies after the SMTP server accepted a message but before marking it sent leaves it to be sent again after
 * the lease: delivery is at least once, and {@link DeliveryChannel} gives every attempt the same Message-ID.
 */
@Component
class OutboxDelivery {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int BATCH = 20;

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

    @Scheduled(fixedDelayString = "${atrium.mail.poll-interval:2s}")
    void sendDue() {
        for (String id : outbox.dueIds(clock.instant(), BATCH)) {
            Instant now = clock.instant();
            if (outbox.claim(id, now, now.plus(LEASE))) {
                outbox.find(id).ifPresent(this::send);
            }
        }
    }

    private void send(OutboxRow mail) {
        int attempts = mail.attempts() + 1;
        try {
            channel.deliver(mail);
            // A secret has no business in the outbox once the message is gone over SMTP. Without SMTP the
            // development inbox is the recipient's mailbox and the only copy, so it keeps the body.
            outbox.markSent(mail.id(), attempts, clock.instant(), channel.smtp());
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            error = error.length() > 1000 ? error.substring(0, 1000) : error;
            if (attempts >= properties.maxAttempts()) {
                log.warn("Giving up on mail {} after {} attempts: {}", mail.id(), attempts, error);
                outbox.markFailed(mail.id(), attempts, error, channel.smtp());
            } else {
                Duration wait = backoff(attempts);
                log.info("Mail {} not delivered (attempt {}), retrying in {}: {}", mail.id(), attempts, wait, error);
                outbox.markRetry(mail.id(), attempts, clock.instant().plus(wait), error);
            }
        }
    }

    private Duration backoff(int attempts) {
        Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }
}
