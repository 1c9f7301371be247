package io.atrium.account;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * After the log-in form succeeds (the session id has already changed, R-ACC-4): notes the log-in in the session
 * for Profile > Sessions, then goes on to the page that asked for a log-in, or home. The page is read from the
 * session, where the filter chain's request cache saved it.
 */
@Component
class LoginSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    private final UserSessions userSessions;

    LoginSuccessHandler(UserSessions userSessions) {
        this.userSessions = userSessions;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws ServletException, IOException {
        userSessions.recordSignIn(request);
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
