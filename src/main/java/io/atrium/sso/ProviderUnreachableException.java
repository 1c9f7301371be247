package io.atrium.sso;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * An organization's provider did not answer its discovery document (down, unreachable, or not a provider at that
 * issuer). An authentication failure, so every filter of the log-in hands it to the failure handler, which shows
 * a clear page instead of an error.
 */
class ProviderUnreachableException extends OAuth2AuthenticationException {

    static final String CODE = "provider_unreachable";

    ProviderUnreachableException(String issuer, Throwable cause) {
        super(new OAuth2Error(CODE, "The provider at " + issuer + " could not be reached", null), cause);
    }
}
