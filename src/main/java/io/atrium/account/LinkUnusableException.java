package io.atrium.account;

/** A link sent by email that is unknown, expired, already used, or no longer fits the account. */
class LinkUnusableException extends RuntimeException {

    LinkUnusableException() {
        super("This link has expired or has already been used.");
    }
}
