package io.atrium.account;

import java.util.LinkedHashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * A user's sessions in the shared session store, found through Spring Session's principal-name index (the user
 * id, see {@link AtriumPrincipal#getUsername()}). Used to end every other session when the password changes, so
 * whoever logged in with the old password is out on every node.
 */
@Component
class UserSessions {

    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    UserSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions) {
        this.sessions = sessions.getIfAvailable();
        if (this.sessions == null) {
            // Only where the servlet container keeps sessions (the MockMvc tests): production stores them in the database.
            log.warn("Sessions are not in a Spring Session store: a password change cannot end a user's other sessions");
        }
    }

    /** Ends every session of the user except {@code keptSessionId}. */
    void endAllExcept(UserView user, String keptSessionId) {
        if (sessions == null) {
            return;
        }
        // Sessions saved before the index held the user id are indexed by the email they logged in with.
        Set<String> ids = new LinkedHashSet<>();
        for (String principalName : Set.of(user.id(), user.email())) {
            sessions.findByPrincipalName(principalName).forEach((id, session) -> {
                if (!id.equals(keptSessionId) && belongsTo(session, user.id())) {
                    ids.add(id);
                }
            });
        }
        ids.forEach(sessions::deleteById);
    }

    /** Checked, because an email may have passed to someone else since a session was indexed by it. */
    private static boolean belongsTo(Session session, String userId) {
        Object stored = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        return stored instanceof SecurityContext context && context.getAuthentication() != null
                && context.getAuthentication().getPrincipal() instanceof AtriumPrincipal principal
                && principal.userId().equals(userId);
    }
}
