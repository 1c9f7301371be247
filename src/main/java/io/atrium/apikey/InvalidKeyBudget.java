package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Counts malformed and unknown API keys per client address in fixed windows, so that a client trying made-up
 * keys (with a correct checksum, each one a database lookup) is stopped after a few rather than costing a
 * lookup per request. Counted in this node's memory: with N nodes an address gets N budgets. Bounded, so a flood
 * from many addresses cannot exhaust memory; what it drops is the oldest windows.
 */
@Component
public class InvalidKeyBudget {

    private record Window(Instant start, int invalid) {
    }

    private final InvalidKeyProperties properties;
    private final Clock clock;
    private final Cache<String, Window> byAddress;

    InvalidKeyBudget(InvalidKeyProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.byAddress = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(properties.invalidWindow().multipliedBy(2)).build();
    }

    /** How long the address must wait before a key it presents is looked up again; zero when it need not. */
    Duration waitFor(String address) {
        Window window = address == null ? null : byAddress.getIfPresent(address);
        if (window == null || window.invalid() < properties.maxInvalidPerAddress()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), window.start().plus(properties.invalidWindow()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    void recordInvalid(String address) {
        if (address == null) {
            return;
        }
        Instant now = clock.instant();
        byAddress.asMap().compute(address, (a, window) ->
                window == null || !now.isBefore(window.start().plus(properties.invalidWindow()))
                        ? new Window(now, 1)
                        : new Window(window.start(), window.invalid() + 1));
    }
}
