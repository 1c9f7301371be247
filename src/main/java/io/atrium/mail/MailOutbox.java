package io.atrium.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.github.kagkarlsson.scheduler.SchedulerClient;

import io.atrium.shared.Ids;

/**
 * Where features put mail. The message is stored in the caller's transaction, so it is sent exactly when
 * the change that asked for it is committed, and an SMTP outage delays it without losing it. Its delivery job is
 * written in the same transaction.
 */
@Service
public class MailOutbox {

    /** How many messages the development inbox page lists. */
    private static final int INBOX_SIZE = 100;

    private final OutboxRepository outbox;
    private final DeliveryChannel channel;
    private final SchedulerClient jobs;
    private final Clock clock;

    MailOutbox(OutboxRepository outbox, DeliveryChannel channel, SchedulerClient jobs, Clock clock) {
        this.outbox = outbox;
        this.channel = channel;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** @return the message id, to ask for its {@link #state} later */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueue(OutgoingMail mail) {
        Instant now = clock.instant();
        String id = Ids.newId(now);
        outbox.insert(id, mail, now);
        jobs.schedule(OutboxDelivery.JOB.instance(id).build(), now);
        return id;
    }

    /** True while no SMTP host is configured and messages go to the development inbox page. */
    public boolean developmentInbox() {
        return !channel.smtp();
    }

    /** The development inbox of an address: the newest messages to it (compared without regard to case). */
    public List<InboxMessage> inboxOf(String email) {
        return outbox.newestTo(email, INBOX_SIZE).stream().map(InboxMessage::of).toList();
    }

    /** One message of an address's development inbox; empty when there is none or it went to someone else. */
    public Optional<InboxMessage> messageTo(String email, String id) {
        return outbox.findTo(email, id).map(InboxMessage::of);
    }

    public Optional<MailState> state(String mailId) {
        return outbox.find(mailId).map(row -> new MailState(status(row), row.attempts(), row.lastError(), row.sentAt()));
    }

    private MailState.Delivery status(OutboxRow row) {
        return switch (row.status()) {
            case SENT -> channel.smtp() ? MailState.Delivery.SENT : MailState.Delivery.IN_DEVELOPMENT_INBOX;
            case FAILED -> MailState.Delivery.FAILED;
            case PENDING -> row.attempts() == 0 ? MailState.Delivery.QUEUED : MailState.Delivery.RETRYING;
        };
    }
}
