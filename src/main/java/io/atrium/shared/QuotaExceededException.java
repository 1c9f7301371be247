package io.atrium.shared;

/**
 * A limit of the account's plan or of the organization (daily tasks, indexed minutes, invitations a day) is used
 * up. It stays an {@link InvalidInputException} so that a form shows the message next to its field; the API
 * answers 429, chosen by this type.
 */
public class QuotaExceededException extends InvalidInputException {

    public static final String CODE = "too_many_requests";

    public QuotaExceededException(String field, String message) {
        super(field, CODE, message);
    }
}
