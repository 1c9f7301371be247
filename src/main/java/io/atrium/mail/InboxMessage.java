package io.atrium.mail;

import java.time.Instant;

/** A message of the development inbox, as its recipient reads it. */
public record InboxMessage(String id, String recipient, String subject, String textBody, String htmlBody,
        Instant createdAt) {

    static InboxMessage of(OutboxRow row) {
        return new InboxMessage(row.id(), row.recipient(), row.subject(), row.textBody(), row.htmlBody(), row.createdAt());
    }
}
