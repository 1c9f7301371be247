package io.atrium.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One or more rules about input fields were broken. The web UI shows each message next to its field; the
 * API answers 400 with the first problem's code and message. Nothing has been changed when this is thrown.
 */
public class InvalidInputException extends RuntimeException {

    /** A broken rule: which field, a snake_case code for programs, a sentence for people. */
    public record Problem(String field, String code, String message) {
    }

    private final transient List<Problem> problems;

    public InvalidInputException(String field, String code, String message) {
        this(List.of(new Problem(field, code, message)));
    }

    public InvalidInputException(List<Problem> problems) {
        super(problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The first message for each field, in the order the problems were found: what a form shows. */
    public Map<String, String> messagesByField() {
        Map<String, String> messages = new LinkedHashMap<>();
        problems.forEach(problem -> messages.putIfAbsent(problem.field(), problem.message()));
        return messages;
    }

    public boolean hasCode(String code) {
        return problems.stream().anyMatch(problem -> problem.code().equals(code));
    }
}
