package io.atrium.account;

/** What a visitor submits to create a user and their personal account (R-ACC-1). */
public record SignUpCommand(String name, String email, String password) {

    @Override
    public String toString() {
        return "SignUpCommand[name=" + name + ", email=" + email + ", password=<hidden>]";
    }
}
