package io.atrium.account;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Logs a user in from a controller (after sign-up) or refreshes the login after a password change, with a
 * new session id each time (R-ACC-4), exactly as the log-in form does, and notes the log-in in the session for
 * Profile > Sessions.
 */
@Component
public class SessionLogin {

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();
    private final UserSessions userSessions;

    SessionLogin(UserSessions userSessions) {
        this.userSessions = userSessions;
    }

    public void logIn(UserView user, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        AtriumPrincipal principal = new AtriumPrincipal(user.id(), user.email(), null);
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                principal, null, principal.getAuthorities()));
        contexts.setContext(context);
        repository.saveContext(context, request, response);
        userSessions.recordSignIn(request);
    }
}
