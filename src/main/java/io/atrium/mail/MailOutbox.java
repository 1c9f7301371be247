package io.atrium.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.shared.Ids;

/**
 * Where features put mail. The message is stored in the caller's transaction, so it is sent exactly when
 * the change that asked for it is committed, and an SMTP outage delays it without losing it.
 */
@Service
public class MailOutbox {

    private final OutboxRepository outbox;
    private final DeliveryChannel channel;
    private final Clock clock;

    MailOutbox(OutboxRepository outbox, DeliveryChannel channel, Clock clock) {
        this.outbox = outbox;
        this.channel = channel;
        this.clock = clock;
    }

    /** @return the message id, to ask for its {@link #state} later */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueue(OutgoingMail mail) {
        Instant now = clock.instant();
        String id = Ids.newId(now);
        outbox.insert(id, mail, now);
        return id;
    }

    /** True while no SMTP host is configured and messages go to the development inbox page. */
    public boolean developmentInbox() {
        return !channel.smtp();
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
