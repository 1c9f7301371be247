package io.atrium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.atrium.testsupport.MutableClock;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new LoginProperties(3, 10, Duration.ofMinutes(15)), clock);

    @Test
    void anEmailIsBlockedAfterTheMaximumFailuresWhateverItsCase() {
        throttle.recordFailure("a@example.com", "10.0.0.1");
        throttle.recordFailure("A@example.com", "10.0.0.2");
        assertThat(throttle.isBlocked("a@example.com", "10.0.0.9")).isFalse();

        throttle.recordFailure("a@EXAMPLE.com", "10.0.0.3");

        assertThat(throttle.isBlocked("a@example.com", "10.0.0.9")).isTrue();
        assertThat(throttle.isBlocked("b@example.com", "10.0.0.9")).isFalse();
    }

    @Test
    void aBlockEndsWhenTheWindowHasPassed() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("a@example.com", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.isBlocked("a@example.com", null)).isTrue();

        clock.advance(Duration.ofMinutes(1));

        assertThat(throttle.isBlocked("a@example.com", null)).isFalse();
    }

    @Test
    void failuresOutsideTheWindowStartANewCount() {
        throttle.recordFailure("a@example.com", null);
        throttle.recordFailure("a@example.com", null);
        clock.advance(Duration.ofMinutes(16));

        throttle.recordFailure("a@example.com", null);

        assertThat(throttle.isBlocked("a@example.com", null)).isFalse();
    }

    @Test
    void aSuccessfulLogInClearsTheEmailsCountButNotTheAddresss() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure(i < 2 ? "a@example.com" : "other" + i + "@example.com", "10.0.0.1");
        }
        throttle.recordSuccess("a@example.com");

        assertThat(throttle.isBlocked("a@example.com", "10.0.0.2")).isFalse();
        assertThat(throttle.isBlocked("a@example.com", "10.0.0.1")).isTrue();
    }

    @Test
    void probesWithoutAnEmailCountOnlyAgainstTheAddress() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure(null, "10.0.0.5");
        }
        assertThat(throttle.isBlocked(null, "10.0.0.5")).isTrue();
        assertThat(throttle.isBlocked("fresh@example.com", "10.0.0.6")).isFalse();
    }
}
