package io.atrium.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Log-in throttling (R-ACC-5).
 *
 * @param maxFailuresPerEmail failed attempts for one email address before it is blocked for the window
 * @param maxFailuresPerAddress failed attempts from one client address before it is blocked for the window
 * @param window how long failures are counted, and how long a block lasts after the first failure
 */
@ConfigurationProperties("atrium.login")
record LoginProperties(int maxFailuresPerEmail, int maxFailuresPerAddress, Duration window) {

    LoginProperties {
        if (maxFailuresPerEmail <= 0) {
            maxFailuresPerEmail = 5;
        }
        if (maxFailuresPerAddress <= 0) {
            maxFailuresPerAddress = 20;
        }
        if (window == null) {
            window = Duration.ofMinutes(15);
        }
    }
}
