package io.atrium.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.atrium.shared.EmailAddresses;
import io.atrium.shared.FixedWindowBudget;

/**
 * Throttles failed log-ins (R-ACC-5) without locking the owner of an email out:
 * <ul>
 * <li>per email and client address, after a few free failures each further attempt from there waits, twice as
 * long after each failure up to a maximum: someone guessing from one address is slowed to a crawl, while the
 * owner at another address is not affected;</li>
 * <li>per email over every address, the same with more free failures, against guessing spread over many
 * addresses; an address where the email logged in during the last {@link #KNOWN_ADDRESS_MEMORY} is exempt, so
 * such an attack does not keep the owner out either;</li>
 * <li>per client address over every email, a hard budget per window, against one address trying many emails.</li>
 * </ul>
 * An email is counted whether or not it is registered, so a wait reveals nothing about which emails exist
 * (R-ACC-3). Attempts refused for a wait are not checked and not counted. Counters live in this node's memory;
 * the caches are bounded so a flood of made-up emails or addresses cannot exhaust it.
 */
@Component
class LoginThrottle {

    /** How long an address where an email logged in stays exempt from that email's delay over all addresses. */
    static final Duration KNOWN_ADDRESS_MEMORY = Duration.ofDays(30);

    private static final int CAPACITY = 100_000;

    /** Failures since {@code start}, for the budget per address. */

    /** Failures in a row, for the delays: the next attempt waits from the last failure. */
    private record Streak(int failures, Instant lastFailure) {
    }

    private final LoginProperties properties;
    private final Clock clock;
    private final FixedWindowBudget byAddress;
    private final Cache<String, Streak> byEmailAndAddress;
    private final Cache<String, Streak> byEmail;
    private final Cache<String, Instant> lastLogInByEmailAndAddress;

    LoginThrottle(LoginProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        // Entries outlive their use by a window, so the clock (which tests move) alone decides when they end.
        Duration keep = properties.window().multipliedBy(2);
        this.byAddress = new FixedWindowBudget(properties.maxFailuresPerAddress(), properties.window(), clock);
        this.byEmailAndAddress = Caffeine.newBuilder().maximumSize(CAPACITY).expireAfterWrite(keep).build();
        this.byEmail = Caffeine.newBuilder().maximumSize(CAPACITY).expireAfterWrite(keep).build();
        this.lastLogInByEmailAndAddress = Caffeine.newBuilder().maximumSize(CAPACITY)
                .expireAfterWrite(KNOWN_ADDRESS_MEMORY.plusDays(1)).build();
    }

    /**
     * How long the next attempt for this email from this address must wait; zero when it may go ahead. Without an
     * email (a sign-up), only the address's budget applies.
     */
    Duration waitBefore(String email, String clientAddress) {
        Instant now = clock.instant();
        Duration wait = byAddress.waitFor(clientAddress);
        String emailKey = emailKey(email);
        if (emailKey != null) {
            if (clientAddress != null) {
                wait = longer(wait, streakWait(byEmailAndAddress.getIfPresent(pair(emailKey, clientAddress)),
                        properties.freeFailuresPerEmailAndAddress(), now));
            }
            if (!loggedInLatelyFrom(emailKey, clientAddress, now)) {
                wait = longer(wait, streakWait(byEmail.getIfPresent(emailKey), properties.freeFailuresPerEmail(), now));
            }
        }
        return wait;
    }

    /** A failed attempt for an email, or a probe (such as signing up with a taken email) without one. */
    void recordFailure(String email, String clientAddress) {
        Instant now = clock.instant();
        byAddress.record(clientAddress);
        String emailKey = emailKey(email);
        if (emailKey != null) {
            if (clientAddress != null) {
                byEmailAndAddress.asMap().compute(pair(emailKey, clientAddress), (k, streak) -> extend(streak, now));
            }
            byEmail.asMap().compute(emailKey, (k, streak) -> extend(streak, now));
        }
    }

    /**
     * Ends the streak of this email from this address, and exempts the address from the email's delay over all
     * addresses. The email's count over all addresses stays: a log-in by the owner does not hand whoever is
     * guessing elsewhere a fresh set of free attempts.
     */
    void recordSuccess(String email, String clientAddress) {
        String emailKey = emailKey(email);
        if (emailKey == null || clientAddress == null) {
            return;
        }
        String key = pair(emailKey, clientAddress);
        byEmailAndAddress.invalidate(key);
        lastLogInByEmailAndAddress.put(key, clock.instant());
    }

    /** A wait as people read it: "1 second", "40 seconds", "3 minutes" (rounded up). */
    static String describe(Duration wait) {
        long seconds = FixedWindowBudget.secondsRoundedUp(wait);
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    private Duration streakWait(Streak streak, int freeFailures, Instant now) {
        if (streak == null || forgotten(streak, now) || streak.failures() < freeFailures) {
            return Duration.ZERO;
        }
        Duration delay = properties.firstDelay().multipliedBy(1L << Math.min(streak.failures() - freeFailures, 30));
        if (delay.compareTo(properties.maxDelay()) > 0) {
            delay = properties.maxDelay();
        }
        Duration left = Duration.between(now, streak.lastFailure().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private boolean loggedInLatelyFrom(String emailKey, String clientAddress, Instant now) {
        Instant last = clientAddress == null ? null : lastLogInByEmailAndAddress.getIfPresent(pair(emailKey, clientAddress));
        return last != null && now.isBefore(last.plus(KNOWN_ADDRESS_MEMORY));
    }

    private Streak extend(Streak streak, Instant now) {
        return streak == null || forgotten(streak, now) ? new Streak(1, now) : new Streak(streak.failures() + 1, now);
    }

    private boolean forgotten(Streak streak, Instant now) {
        return !now.isBefore(streak.lastFailure().plus(properties.window()));
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * An email that cannot belong to anyone (malformed, too long) is counted against the address alone: its own
     * count would protect nothing, and keys of any length would let a flood of made-up emails fill memory.
     */
    private static String emailKey(String email) {
        return email != null && EmailAddresses.isValid(email.strip()) ? EmailAddresses.key(email) : null;
    }

    /** Client addresses contain no space, so the pair cannot be read two ways. */
    private static String pair(String emailKey, String clientAddress) {
        return emailKey + " " + clientAddress;
    }
}
