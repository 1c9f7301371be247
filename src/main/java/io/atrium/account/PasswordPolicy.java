package io.atrium.account;

import org.springframework.stereotype.Component;

import io.atrium.shared.InvalidInputException;

/** R-ACC-2: length between 8 and 128 characters, no composition rules, not a common password. */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private final CommonPasswords commonPasswords;

    PasswordPolicy(CommonPasswords commonPasswords) {
        this.commonPasswords = commonPasswords;
    }

    /**
     * @param email the address of the user the password is for, which must not double as the password
     * @throws InvalidInputException naming {@code field}
     */
    String require(String field, String password, String email) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException(field, "parameter_not_provided", "Enter a password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInputException(field, "password_too_short",
                    "Use at least " + MIN_LENGTH + " characters.");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException(field, "password_too_long",
                    "Use at most " + MAX_LENGTH + " characters.");
        }
        if (commonPasswords.contains(password)) {
            throw new InvalidInputException(field, "password_too_common",
                    "This password is one of the most common ones. Choose one that is harder to guess.");
        }
        if (email != null && password.equalsIgnoreCase(email.strip())) {
            throw new InvalidInputException(field, "password_too_common",
                    "Don't use your email address as your password.");
        }
        return password;
    }
}
