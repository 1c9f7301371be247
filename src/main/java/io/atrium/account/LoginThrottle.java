package io.atrium.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.atrium.shared.EmailAddresses;

/**
 * Counts failed attempts per email address and per client address in fixed windows (R-ACC-5). An email is
 * counted whether or not it is registered, so a block reveals nothing about which emails exist (R-ACC-3).
 * Counters live in this node's memory; the caches are bounded so a flood of made-up emails cannot exhaust it.
 */
@Component
class LoginThrottle {

    private record Window(Instant start, int failures) {
    }

    private final LoginProperties properties;
    private final Clock clock;
    private final Cache<String, Window> byEmail;
    private final Cache<String, Window> byAddress;

    LoginThrottle(LoginProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.byEmail = newCache(properties.window());
        this.byAddress = newCache(properties.window());
    }

    private static Cache<String, Window> newCache(Duration window) {
        return Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window.multipliedBy(2)).build();
    }

    boolean isBlocked(String email, String clientAddress) {
        return exceeded(byEmail, emailKey(email), properties.maxFailuresPerEmail())
                || exceeded(byAddress, clientAddress, properties.maxFailuresPerAddress());
    }

    /** A failed attempt by an email, or a probe (such as signing up with a taken email) without one. */
    void recordFailure(String email, String clientAddress) {
        if (email != null) {
            count(byEmail, emailKey(email));
        }
        count(byAddress, clientAddress);
    }

    void recordSuccess(String email) {
        byEmail.invalidate(emailKey(email));
    }

    Duration window() {
        return properties.window();
    }

    private boolean exceeded(Cache<String, Window> counters, String key, int max) {
        if (key == null) {
            return false;
        }
        Window window = counters.getIfPresent(key);
        return window != null && !expired(window) && window.failures() >= max;
    }

    private void count(Cache<String, Window> counters, String key) {
        if (key == null) {
            return;
        }
        counters.asMap().compute(key, (k, window) -> window == null || expired(window)
                ? new Window(clock.instant(), 1)
                : new Window(window.start(), window.failures() + 1));
    }

    private boolean expired(Window window) {
        return !clock.instant().isBefore(window.start().plus(properties.window()));
    }

    private static String emailKey(String email) {
        return email == null ? null : EmailAddresses.key(email);
    }
}
