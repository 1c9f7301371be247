package io.atrium.account;

import java.io.IOException;
import java.time.Clock;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

import io.atrium.shared.FixedWindowBudget;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Back to the log-in page with one message for a wrong email or password, another (with the seconds to wait) for
 * an attempt the throttle held back. A correct password of a user with two-factor authentication goes on to the
 * code instead, remembered in the session (under a new id) but not logged in.
 */
@Component
class LoginFailureHandler implements AuthenticationFailureHandler {

    /** The email of the last failed attempt, kept in the session for the log-in page to fill in once. */
    private static final String TYPED_EMAIL = LoginFailureHandler.class.getName() + ".email";

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
        // Kept in the session rather than the URL, where addresses would end up in logs and the browser's history.
        String email = request.getParameter("email");
        if (email != null && !email.isBlank() && email.length() <= 254) {
            request.getSession().setAttribute(TYPED_EMAIL, email.strip());
        }
        String query = exception instanceof LoginThrottledException throttled
                ? "throttled=" + FixedWindowBudget.secondsRoundedUp(throttled.waitFor())
                : "error";
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }

    /** The email of the failed attempt that led to the log-in page, once; null when there was none. */
    static String takeTypedEmail(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(TYPED_EMAIL) instanceof String email)) {
            return null;
        }
        session.removeAttribute(TYPED_EMAIL);
        return email;
    }
}
