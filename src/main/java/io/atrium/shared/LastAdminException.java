package io.atrium.shared;

/**
 * The change would leave an organization without an administrator. It conflicts with the organization's state
 * rather than being bad input, so the API answers 409; it stays an {@link InvalidInputException} so that the
 * Members page shows the message like any refused form. It lives here, not in {@code organization}, because the
 * API's error handler may know only this feature.
 */
public class LastAdminException extends InvalidInputException {

    public static final String CODE = "last_admin";

    public LastAdminException(String field, String message) {
        super(field, CODE, message);
    }
}
