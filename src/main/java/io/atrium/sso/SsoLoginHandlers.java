package io.atrium.sso;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.SessionFlashMapManager;

import io.atrium.account.SessionLogin;
import io.atrium.account.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * What happens when an organization's provider sends someone back. For an administrator's Test connection, their own
 * log-in is put back and the settings page says whether it passed. Otherwise the person is logged in as themselves
 * (through {@link SsoLogins}), or told why not; a provider that could not be reached gets its own page.
 */
@Component
class SsoLoginHandlers {

    /** An administrator's Test connection under way in this session: who, for which organization, and their log-in. */
    record PendingTest(String organizationId, String userId, Authentication login) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    static final String PENDING_TEST = PendingTest.class.getName();
    static final String FAILURE = SsoLoginHandlers.class.getName() + ".failure";
    static final String SETTINGS_PAGE = "/settings/organization/sso";

    private static final Logger log = LoggerFactory.getLogger(SsoLoginHandlers.class);

    private final SsoLogins logins;
    private final SsoSettingsService settings;
    private final SessionLogin sessionLogin;
    private final SessionFlashMapManager flashes = new SessionFlashMapManager();

    SsoLoginHandlers(SsoLogins logins, SsoSettingsService settings, SessionLogin sessionLogin) {
        this.logins = logins;
        this.settings = settings;
        this.sessionLogin = sessionLogin;
    }

    /** The success handler; not a bean of that type, so the password form's failure handler stays the only one. */
    AuthenticationSuccessHandler success() {
        return this::onAuthenticationSuccess;
    }

    AuthenticationFailureHandler failure() {
        return this::onAuthenticationFailure;
    }

    private void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
        String organizationId = token.getAuthorizedClientRegistrationId();
        OidcUser person = (OidcUser) token.getPrincipal();
        PendingTest test = takePendingTest(request, organizationId);
        if (test != null) {
            // The administrator stays who they were here: the provider's log-in only proved the connection works.
            sessionLogin.keep(test.login(), request, response);
            String problem = settings.completeTest(organizationId, test.userId(), person.getEmail(),
                    Boolean.TRUE.equals(person.getEmailVerified()));
            backToSettings(request, response, problem == null ? "notice" : "error", problem == null
                    ? "Test connection passed: the provider signed you in as " + person.getEmail() + "."
                    : "Test connection failed. " + problem);
            return;
        }
        UserView user;
        try {
            user = logins.logIn(organizationId, person);
        } catch (SsoRefusedException refused) {
            log.info("Single sign-on to organization {} refused for subject {}: {}", organizationId,
                    person.getSubject(), refused.getMessage());
            forgetLogin(request, response);
            failed(request, response, refused.getMessage());
            return;
        }
        sessionLogin.logInThroughSso(user, organizationId, request, response);
        response.sendRedirect(request.getContextPath() + "/");
    }

    private void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String organizationId = organizationOf(request);
        boolean unreachable = unreachable(exception);
        log.info("Single sign-on to organization {} failed: {}", organizationId, describe(exception));
        PendingTest test = takePendingTest(request, organizationId);
        if (test != null) {
            backToSettings(request, response, "error", "Test connection failed. " + (unreachable
                    ? "The provider could not be reached: check the issuer URL, and that the provider is up."
                    : describe(exception)));
            return;
        }
        if (unreachable) {
            response.sendRedirect(request.getContextPath() + "/sso/unreachable");
            return;
        }
        failed(request, response, null);
    }

    /** Either kind of failure shows the same words to the person; the log keeps the provider's reason. */
    private void failed(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
        if (why != null) {
            request.getSession().setAttribute(FAILURE, why);
        }
        response.sendRedirect(request.getContextPath() + "/sso/failed");
    }

    private static PendingTest takePendingTest(HttpServletRequest request, String organizationId) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING_TEST) instanceof PendingTest test)) {
            return null;
        }
        session.removeAttribute(PENDING_TEST);
        return test.organizationId().equals(organizationId) ? test : null;
    }

    private void backToSettings(HttpServletRequest request, HttpServletResponse response, String kind, String message)
            throws IOException {
        FlashMap flash = new FlashMap();
        flash.put(kind, message);
        flash.setTargetRequestPath(request.getContextPath() + SETTINGS_PAGE);
        flashes.saveOutputFlashMap(flash, request, response);
        response.sendRedirect(request.getContextPath() + SETTINGS_PAGE);
    }

    /** The provider's log-in was saved as the session's before this handler ran: it must not stay. */
    private static void forgetLogin(HttpServletRequest request, HttpServletResponse response) {
        SecurityContextHolder.clearContext();
        new HttpSessionSecurityContextRepository().saveContext(SecurityContextHolder.createEmptyContext(), request, response);
    }

    /** The organization's id from /oauth2/authorization/{id} or /login/oauth2/code/{id}. */
    private static String organizationOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static boolean unreachable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProviderUnreachableException || cause instanceof IOException
                    || cause instanceof org.springframework.web.client.ResourceAccessException) {
                return true;
            }
        }
        return false;
    }

    /** The OAuth 2.0 error's code and description: no token, code or secret is ever in them. */
    private static String describe(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException oauth) {
            return "[" + oauth.getError().getErrorCode() + "] "
                    + (oauth.getError().getDescription() == null ? "" : oauth.getError().getDescription());
        }
        Throwable cause = exception.getCause();
        if (cause instanceof OAuth2AuthenticationException oauth) {
            return describe(oauth);
        }
        return exception.getClass().getSimpleName() + (cause == null ? "" : ": " + cause.getClass().getSimpleName());
    }
}
