package io.atrium.shared;

/**
 * The request is well formed but conflicts with the current state (an import already running). The API
 * answers 409 with the code; nothing has been changed.
 */
public class ConflictException extends RuntimeException {

    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
