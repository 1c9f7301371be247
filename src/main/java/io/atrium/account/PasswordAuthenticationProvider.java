package io.atrium.account;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Email and password log-in with throttling (R-ACC-5). The wrapped {@link DaoAuthenticationProvider} hashes
 * a dummy password for unknown emails, so known and unknown emails take similar time and fail with the
 * same exception (R-ACC-3). For a user with two-factor authentication a correct password is not a log-in: it ends in
 * {@link SecondFactorRequiredException}, so nothing is authenticated until the code is entered.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final TwoFactorService twoFactor;

    PasswordAuthenticationProvider(UserRepository users, PasswordEncoder passwordEncoder, LoginThrottle throttle,
            TwoFactorService twoFactor) {
        this.passwords = new DaoAuthenticationProvider(new AccountUserDetailsService(users));
        this.passwords.setPasswordEncoder(passwordEncoder);
        this.throttle = throttle;
        this.twoFactor = twoFactor;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String email = attempt.getName() == null ? "" : attempt.getName().strip();
        String clientAddress = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        Duration wait = throttle.waitBefore(email, clientAddress);
        if (!wait.isZero()) {
            throw new LoginThrottledException(wait);
        }
        try {
            Authentication result = passwords.authenticate(attempt);
            AtriumPrincipal principal = (AtriumPrincipal) result.getPrincipal();
            if (twoFactor.enabled(principal.userId())) {
                // Not a success for the throttle yet: that would exempt this address from the email's delay over
                // all addresses while someone who has the password guesses codes from it.
                throw new SecondFactorRequiredException(principal.userId());
            }
            throttle.recordSuccess(email, clientAddress);
            return result;
        } catch (BadCredentialsException e) {
            throttle.recordFailure(email, clientAddress);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
