package io.atrium.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
@ConfigurationProperties("atrium.login")
record LoginProperties(int freeFailuresPerEmailAndAddress, int freeFailuresPerEmail, Duration firstDelay,
        Duration maxDelay, int maxFailuresPerAddress, Duration window) {

    LoginProperties {
        if (freeFailuresPerEmailAndAddress <= 0) {
            freeFailuresPerEmailAndAddress = 5;
        }
        if (freeFailuresPerEmail <= 0) {
            freeFailuresPerEmail = 20;
        }
        if (firstDelay == null) {
            firstDelay = Duration.ofSeconds(1);
        }
        if (maxDelay == null) {
            maxDelay = Duration.ofMinutes(5);
        }
        if (maxFailuresPerAddress <= 0) {
            maxFailuresPerAddress = 20;
        }
        if (window == null) {
            window = Duration.ofMinutes(15);
        }
        if (maxDelay.compareTo(window) >= 0) {
            // A count is forgotten a window after its last failure: a longer delay would end early.
            throw new IllegalArgumentException("atrium.login.max-delay (" + maxDelay
                    + ") must be shorter than atrium.login.window (" + window + ")");
        }
    }
}
