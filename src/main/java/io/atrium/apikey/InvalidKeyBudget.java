package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Component;

import io.atrium.shared.FixedWindowBudget;

/**
 * Counts malformed and unknown API keys per client address in fixed windows, so that a client trying made-up
 * keys (with a correct checksum, each one a database lookup) is stopped after a few rather than costing a
 * lookup per request. Counted in this node's memory: with N nodes an address gets N budgets. Bounded, so a flood
 * from many addresses cannot exhaust memory; what it drops is the oldest windows.
 */
@Component
public class InvalidKeyBudget {

    private final FixedWindowBudget budget;

    InvalidKeyBudget(InvalidKeyProperties properties, Clock clock) {
        this.budget = new FixedWindowBudget(properties.maxInvalidPerAddress(), properties.invalidWindow(), clock);
    }

    /** How long the address must wait before a key it presents is looked up again; zero when it need not. */
    Duration waitFor(String address) {
        return budget.waitFor(address);
    }

    void recordInvalid(String address) {
        budget.record(address);
    }
}
