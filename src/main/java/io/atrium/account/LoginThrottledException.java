package io.atrium.account;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** The throttle asks this attempt to wait: the password was not even checked. */
class LoginThrottledException extends AuthenticationException {

    private final transient Duration wait;

    LoginThrottledException(Duration wait) {
        super("Too many failed log-in attempts");
        this.wait = wait;
    }

    Duration waitFor() {
        return wait;
    }
}
