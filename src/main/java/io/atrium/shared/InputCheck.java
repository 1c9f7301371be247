package io.atrium.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Runs several field checks and reports every broken rule at once, so a form shows all its errors together. */
public final class InputCheck {

    private final List<InvalidInputException.Problem> problems = new ArrayList<>();

    /** Returns the checked value, or {@code null} after noting the problems the check raised. */
    public <T> T check(Supplier<T> fieldCheck) {
        try {
            return fieldCheck.get();
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
