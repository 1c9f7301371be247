package io.atrium.shared;

/**
 * The user has not confirmed their email address yet, which creating an organization or an API key needs. A form shows
 * the message next to its {@code name} field (both forms have one); the API answers 403 {@code email_not_confirmed}.
 */
public class EmailNotConfirmedException extends InvalidInputException {

    public static final String CODE = "email_not_confirmed";

    public EmailNotConfirmedException() {
        super("name", CODE, "Confirm your email address first: follow the link we sent you, or send a new one from "
                + "the banner at the top of the page.");
    }
}
