package io.atrium.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Two-factor log-in.
 *
 * @param logInTimeout how long after a correct password the code may be entered; after that the log-in starts again
 *        with the password, so a half-finished log-in left in a browser does not wait for anyone
 */
@Validated
@ConfigurationProperties("atrium.two-factor")
record TwoFactorProperties(@DefaultValue("5m") @NotNull Duration logInTimeout) {
}
