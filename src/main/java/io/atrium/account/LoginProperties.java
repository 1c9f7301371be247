package io.atrium.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Log-in throttling (R-ACC-5): growing delays per email, and a hard budget per client address.
 *
 * @param freeFailuresPerEmailAndAddress failed attempts for one email from one address before each further
 *        attempt from there must wait, {@code firstDelay} and then twice as long after each failure
 * @param freeFailuresPerEmail failed attempts for one email from every address together before each further
 *        attempt must wait likewise, except from an address where that email logged in lately
 * @param firstDelay the first wait
 * @param maxDelay the longest wait; shorter than the window
 * @param maxFailuresPerAddress failed attempts from one client address, whatever the emails, before it is blocked
 *        until its window ends
 * @param window how long failures are remembered: a delay's count is forgotten this long after its last
 *        failure, and an address's count (and block) lasts this long from its first failure
 */
@Validated
@ConfigurationProperties("atrium.login")
record LoginProperties(@DefaultValue("5") @Positive int freeFailuresPerEmailAndAddress,
        @DefaultValue("20") @Positive int freeFailuresPerEmail, @DefaultValue("1s") @NotNull Duration firstDelay,
        @DefaultValue("5m") @NotNull Duration maxDelay, @DefaultValue("20") @Positive int maxFailuresPerAddress,
        @DefaultValue("15m") @NotNull Duration window) {

    LoginProperties {
        if (maxDelay != null && window != null && maxDelay.compareTo(window) >= 0) {
            // A count is forgotten a window after its last failure: a longer delay would end early.
            throw new IllegalArgumentException("atrium.login.max-delay (" + maxDelay
                    + ") must be shorter than atrium.login.window (" + window + ")");
        }
    }
}
