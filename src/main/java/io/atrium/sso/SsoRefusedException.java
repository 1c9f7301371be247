package io.atrium.sso;

/** The provider vouched for someone this organization does not let in; the message says why, in words for them. */
class SsoRefusedException extends RuntimeException {

    SsoRefusedException(String message) {
        super(message);
    }
}
