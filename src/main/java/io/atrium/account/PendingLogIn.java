package io.atrium.account;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;

/**
 * Kept in the session between a correct password and the code: who is logging in, and since when. It is not an
 * authentication: the session is as anonymous as before until the code is entered.
 */
record PendingLogIn(String userId, Instant passwordCheckedAt) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String SESSION_ATTRIBUTE = PendingLogIn.class.getName();
}
