package io.atrium.plan;

import java.util.Arrays;
import java.util.Optional;

/** The plans an account can be on (R-PLAN-1); {@link #value()} is what the accounts table stores. */
public enum Plan {

    FREE("free"),
    DEVELOPER("developer"),
    ENTERPRISE("enterprise");

    private final String value;

    Plan(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The plan's name as pages show it: {@code developer} → Developer. */
    public String title() {
        return Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }

    /** The plan of a stored or submitted value; empty for anything else (or {@code null}). */
    public static Optional<Plan> find(String value) {
        return Arrays.stream(values()).filter(plan -> plan.value.equals(value)).findFirst();
    }
}
