package io.atrium.account;

import java.io.IOException;
import java.time.Clock;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

import io.atrium.shared.FixedWindowBudget;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Back to the log-in page with one message for a wrong email or password, another (with the seconds to wait) for
 * an attempt the throttle held back. A correct password of a user with two-factor authentication goes on to the
 * code instead, remembered in the session (under a new id) but not logged in.
 */
@Component
class LoginFailureHandler implements AuthenticationFailureHandler {

    private final Clock clock;

    LoginFailureHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        if (exception instanceof SecondFactorRequiredException secondFactor) {
            request.getSession();
            request.changeSessionId();
            request.getSession().setAttribute(PendingLogIn.SESSION_ATTRIBUTE,
                    new PendingLogIn(secondFactor.userId(), clock.instant()));
            response.sendRedirect(request.getContextPath() + TwoFactorLogInController.PATH);
            return;
        }
        String query = exception instanceof LoginThrottledException throttled
                ? "throttled=" + FixedWindowBudget.secondsRoundedUp(throttled.waitFor())
                : "error";
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }
}
