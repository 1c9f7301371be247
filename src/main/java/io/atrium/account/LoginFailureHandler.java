package io.atrium.account;

import java.io.IOException;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

import io.atrium.shared.FixedWindowBudget;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Back to the log-in page with one message for a wrong email or password, another (with the seconds to wait) for
 * an attempt the throttle held back.
 */
@Component
class LoginFailureHandler implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String query = exception instanceof LoginThrottledException throttled
                ? "throttled=" + FixedWindowBudget.secondsRoundedUp(throttled.waitFor())
                : "error";
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }
}
