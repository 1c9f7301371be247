package io.atrium.mail;

/** Where a row of the outbox stands; {@link #value()} is what the table stores. */
enum OutboxStatus {

    /** Waiting for its first or next attempt. */
    PENDING("pending"),
    SENT("sent"),
    /** Given up on after the last attempt. */
    FAILED("failed");

    private final String value;

    OutboxStatus(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    /** @throws IllegalArgumentException for a value no status has */
    static OutboxStatus of(String value) {
        for (OutboxStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown outbox status " + value);
    }
}
