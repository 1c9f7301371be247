package io.atrium.invitation;

/** A logged-in user opened an invitation addressed to another email (R-INV-5). */
class WrongRecipientException extends RuntimeException {

    private final String invitedEmail;

    WrongRecipientException(String invitedEmail) {
        super("The invitation is for another email address");
        this.invitedEmail = invitedEmail;
    }

    String invitedEmail() {
        return invitedEmail;
    }
}
