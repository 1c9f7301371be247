package io.atrium.account;

import org.springframework.security.core.AuthenticationException;

/** Too many failed attempts for this email or from this address: the password was not even checked. */
class LoginThrottledException extends AuthenticationException {

    LoginThrottledException() {
        super("Too many failed log-in attempts");
    }
}
