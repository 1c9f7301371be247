package io.atrium.audit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.atrium.shared.InvalidInputException;
import io.atrium.shared.InvalidInputException.Problem;

/**
 * Which audit entries to show. Every part is optional.
 *
 * @param actor a user id, or text found (ignoring case) in the actor's name or email
 * @param action an exact action code ({@code member.removed}) or a prefix ending in a dot ({@code member.})
 * @param from the first UTC day to include
 * @param to the last UTC day to include
 */
public record AuditFilter(String actor, String action, LocalDate from, LocalDate to) {

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null);

    private static final Pattern ACTION = Pattern.compile("[a-z_]+(\\.[a-z_]*)?");
    private static final int MAX_ACTOR = 254;

    /**
     * Reads the filter from what a person or program typed; blank parts are absent.
     *
     * @param from and {@code to}: dates such as {@code 2026-11-28}
     * @throws InvalidInputException naming each part that cannot be read, with the fields
     *         {@code actor}, {@code action}, {@code from} and {@code to}
     */
    public static AuditFilter parse(String actor, String action, String from, String to) {
        List<Problem> problems = new ArrayList<>();
        String actorText = blankToNull(actor);
        if (actorText != null && (actorText.length() > MAX_ACTOR || actorText.chars().anyMatch(Character::isISOControl))) {
            problems.add(new Problem("actor", "parameter_invalid",
                    "The actor must be a user id, or part of a name or an email address."));
        }
        String actionCode = blankToNull(action);
        if (actionCode != null && (actionCode.length() > 64 || !ACTION.matcher(actionCode).matches())) {
            problems.add(new Problem("action", "parameter_invalid",
                    "The action must be an action code such as member.removed, or a prefix such as member."));
        }
        LocalDate fromDay = day("from", from, problems);
        LocalDate toDay = day("to", to, problems);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            problems.add(new Problem("to", "parameter_invalid", "The to date must be the same day as the from date or later."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new AuditFilter(actorText, actionCode, fromDay, toDay);
    }

    /** Whether {@link #action} names every action under a prefix rather than one action. */
    public boolean actionIsPrefix() {
        return action != null && action.endsWith(".");
    }

    public boolean any() {
        return actor != null || action != null || from != null || to != null;
    }

    private static LocalDate day(String field, String value, List<Problem> problems) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(text);
            if (day.getYear() >= 1 && day.getYear() <= 9999) {
                return day;
            }
        } catch (DateTimeParseException e) {
            // reported below, like a year out of range
        }
        problems.add(new Problem(field, "parameter_invalid", "The " + field + " date must look like 2026-11-28 (a day in UTC)."));
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
