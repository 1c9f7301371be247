package io.atrium.invitation;

/** The token is unknown, expired, revoked or already used: one answer for all (R-INV-7). */
class InvitationUnusableException extends RuntimeException {

    InvitationUnusableException() {
        super("This invitation can't be used");
    }
}
