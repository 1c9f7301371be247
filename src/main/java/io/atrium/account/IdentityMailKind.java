package io.atrium.account;

/** The mails the identity layer sends, as {@link IdentityMailSends} counts them. */
enum IdentityMailKind {

    CONFIRM_EMAIL("confirm_email"),
    /** To a registered address someone tried to sign up with. */
    SIGN_UP_ATTEMPT("sign_up_attempt"),
    RESET_PASSWORD("reset_password"),
    CHANGE_EMAIL("change_email"),
    /** To the old address, once a change of address has taken effect. */
    EMAIL_CHANGED("email_changed");

    private final String value;

    IdentityMailKind(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }
}
