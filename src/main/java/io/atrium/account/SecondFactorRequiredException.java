package io.atrium.account;

import org.springframework.security.core.AuthenticationException;

/**
 * The password was right, and the user logs in with two factors: no one is logged in yet. The log-in form's failure
 * handler sends the browser on to the code ({@link TwoFactorLogInController}).
 */
class SecondFactorRequiredException extends AuthenticationException {

    private final String userId;

    SecondFactorRequiredException(String userId) {
        super("A second factor is required");
        this.userId = userId;
    }

    String userId() {
        return userId;
    }
}
