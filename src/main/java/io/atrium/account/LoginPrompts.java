package io.atrium.account;

import java.util.Optional;

/**
 * Implemented by a feature whose pages send visitors to log in and that has something to tell them there. The
 * log-in page asks each with the path of the page it will return to, since the feature (not account) knows what
 * that page is about.
 */
public interface LoginPrompts {

    Optional<LoginPrompt> forReturnPath(String path);
}
