package io.atrium.account;

import java.time.Duration;

/** What a link sent by email is for, and how long it works. */
enum TokenPurpose {

    CONFIRM_EMAIL("confirm_email", Duration.ofHours(24)),
    RESET_PASSWORD("reset_password", Duration.ofHours(1)),
    CHANGE_EMAIL("change_email", Duration.ofHours(24));

    private final String value;
    private final Duration validity;

    TokenPurpose(String value, Duration validity) {
        this.value = value;
        this.validity = validity;
    }

    /** As stored. */
    String value() {
        return value;
    }

    Duration validity() {
        return validity;
    }
}
