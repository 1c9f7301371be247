package io.atrium.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.atrium.testsupport.MutableClock;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    /** 3 free failures per email and address, 6 per email, waits of 1 s doubling up to 8 s, 10 per address. */
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginProperties(3, 6, Duration.ofSeconds(1), Duration.ofSeconds(8), 10, Duration.ofMinutes(15)), clock);

    @Test
    void afterTheFreeFailuresFromOneAddressEachAttemptThereWaitsTwiceAsLongAsTheLastUpToTheMaximum() {
        fail("a@example.com", "10.0.0.1", 2);
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isZero();

        fail("a@example.com", "10.0.0.1", 1);
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isZero();

        fail("a@example.com", "10.0.0.1", 1);
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        fail("a@example.com", "10.0.0.1", 1);
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
        fail("a@example.com", "10.0.0.1", 1);
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isEqualTo(Duration.ofSeconds(8));
        fail("a@example.com", "10.0.0.1", 1);
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isEqualTo(Duration.ofSeconds(8));
        clock.advance(Duration.ofSeconds(3));
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theEmailIsCountedWhateverItsCase() {
        throttle.recordFailure("a@example.com", "10.0.0.1");
        throttle.recordFailure("A@example.com", "10.0.0.1");
        throttle.recordFailure("a@EXAMPLE.com", "10.0.0.1");

        assertThat(throttle.waitBefore("a@Example.COM", "10.0.0.1")).isPositive();
        assertThat(throttle.waitBefore("b@example.com", "10.0.0.1")).isZero();
    }

    @Test
    void aStreakFromOneAddressDoesNotHoldBackTheSameEmailFromAnother() {
        fail("a@example.com", "10.0.0.1", 5);

        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isPositive();
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.2")).isZero();
    }

    @Test
    void failuresSpreadOverManyAddressesDelayEveryAddressWhereTheEmailHasNotLoggedInLately() {
        throttle.recordSuccess("a@example.com", "10.0.9.9");
        for (int i = 1; i <= 6; i++) {
            fail("a@example.com", "10.0.1." + i, 1);
        }

        assertThat(throttle.waitBefore("a@example.com", "10.0.2.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("a@example.com", "10.0.9.9")).isZero();
        fail("a@example.com", "10.0.1.7", 1);
        assertThat(throttle.waitBefore("a@example.com", "10.0.2.1")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anAddressWhereTheEmailLoggedInIsExemptForThirtyDaysOnly() {
        throttle.recordSuccess("a@example.com", "10.0.9.9");
        clock.advance(LoginThrottle.KNOWN_ADDRESS_MEMORY);
        for (int i = 1; i <= 6; i++) {
            fail("a@example.com", "10.0.1." + i, 1);
        }

        assertThat(throttle.waitBefore("a@example.com", "10.0.9.9")).isPositive();
    }

    @Test
    void aLogInEndsTheStreakOfItsAddressButNotTheEmailsCountOverAllAddresses() {
        fail("a@example.com", "10.0.0.1", 3);
        fail("a@example.com", "10.0.0.2", 3);
        throttle.recordSuccess("a@example.com", "10.0.0.1");

        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isZero();
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.3")).isPositive();
    }

    @Test
    void aStreakIsForgottenAWindowAfterItsLastFailure() {
        fail("a@example.com", "10.0.0.1", 6);
        clock.advance(Duration.ofMinutes(14));
        fail("a@example.com", "10.0.0.1", 1);
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isZero();

        clock.advance(Duration.ofMinutes(1));
        fail("a@example.com", "10.0.0.1", 1);

        assertThat(throttle.waitBefore("a@example.com", "10.0.0.1")).isZero();
    }

    @Test
    void anAddressIsBlockedUntilItsWindowEndsAfterTheMaximumFailuresWhateverTheEmails() {
        for (int i = 0; i < 10; i++) {
            fail("other" + i + "@example.com", "10.0.0.5", 1);
        }

        assertThat(throttle.waitBefore("fresh@example.com", "10.0.0.5")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore(null, "10.0.0.5")).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("fresh@example.com", "10.0.0.6")).isZero();
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.waitBefore("fresh@example.com", "10.0.0.5")).isZero();
    }

    @Test
    void probesWithoutAnEmailAndEmailsThatCannotExistCountOnlyAgainstTheAddress() {
        for (int i = 0; i < 5; i++) {
            fail(null, "10.0.0.5", 1);
            fail("not an email", "10.0.0.5", 1);
        }

        assertThat(throttle.waitBefore(null, "10.0.0.5")).isPositive();
        assertThat(throttle.waitBefore("not an email", "10.0.0.6")).isZero();
    }

    @Test
    void waitsAreDescribedRoundedUp() {
        assertThat(LoginThrottle.describe(Duration.ofMillis(200))).isEqualTo("1 second");
        assertThat(LoginThrottle.describe(Duration.ofSeconds(40))).isEqualTo("40 seconds");
        assertThat(LoginThrottle.describe(Duration.ofSeconds(61))).isEqualTo("2 minutes");
        assertThat(LoginThrottle.describe(Duration.ofMinutes(15))).isEqualTo("15 minutes");
    }

    @Test
    void aMaximumDelayAsLongAsTheWindowIsRefused() {
        assertThatThrownBy(() -> new LoginProperties(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), 20,
                Duration.ofMinutes(15))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-delay");
    }

    private void fail(String email, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(email, address);
        }
    }
}
