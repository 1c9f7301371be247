package io.atrium.account;

/**
 * What the log-in page says to a visitor sent there by a page that needs a log-in, and the address it fills in;
 * for example the invitation being accepted: which organization invited whom.
 *
 * @param message a sentence for the top of the form
 * @param email the address to log in with, filled in (may be null)
 */
public record LoginPrompt(String message, String email) {
}
