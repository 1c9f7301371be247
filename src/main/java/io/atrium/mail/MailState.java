package io.atrium.mail;

import java.time.Instant;

/** Where a message stands, for the people waiting on it (admins watching an invitation). */
public record MailState(Delivery status, int attempts, String lastError, Instant sentAt) {

    /** How a message's delivery reads to people; {@link #value()} is what pages and the API show. */
    public enum Delivery {

        QUEUED("queued"),
        RETRYING("retrying"),
        SENT("sent"),
        /** Delivered to the development inbox page, as no SMTP host is configured. */
        IN_DEVELOPMENT_INBOX("in development inbox"),
        FAILED("failed");

        private final String value;

        Delivery(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** The badge pages show the state in: red once given up on, amber while still to go, green once gone. */
        public String badge() {
            return switch (this) {
                case FAILED -> "badge-danger";
                case QUEUED, RETRYING -> "badge-warning";
                case SENT, IN_DEVELOPMENT_INBOX -> "badge-success";
            };
        }
    }
}
