package io.atrium.account;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Logs a user in from a controller (after sign-up or a single sign-on) or refreshes the login after a password change,
 * with a new session id each time (R-ACC-4), exactly as the log-in form does, and notes the log-in in the session for
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
        logIn(new AtriumPrincipal(user.id(), user.email(), null), request, response);
    }

    /** Logs the user in through the single sign-on provider of the organization {@code organizationId}. */
    public void logInThroughSso(UserView user, String organizationId, HttpServletRequest request,
            HttpServletResponse response) {
        logIn(AtriumPrincipal.throughSso(user.id(), user.email(), organizationId), request, response);
    }

    private void logIn(AtriumPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        keep(UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()),
                request, response);
    }

    /**
     * Puts back a log-in this session had, after another authentication replaced it (an administrator's Test
     * connection signs in at the provider without becoming anyone else here).
     */
    public void keep(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        repository.saveContext(context, request, response);
        userSessions.recordSignIn(request);
    }
}
