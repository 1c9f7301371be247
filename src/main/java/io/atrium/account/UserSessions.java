package io.atrium.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * A user's sessions in the shared session store, found through Spring Session's principal-name index (the user
 * id, see {@link AtriumPrincipal#getUsername()}): what Profile > Sessions lists, and ending them, on every node.
 * Each ended session is noted in the user's personal account's audit log.
 */
@Component
public class UserSessions {

    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final UserRepository users;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Clock clock;

    UserSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions, UserRepository users,
            AccountRepository accounts, AuditLog audit, Clock clock) {
        this.sessions = sessions.getIfAvailable();
        this.users = users;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        if (this.sessions == null) {
            // Only where the servlet container keeps sessions (the MockMvc tests): production stores them in the database.
            log.warn("Sessions are not in a Spring Session store: only the current session can be listed, and no "
                    + "other session of a user can be ended");
        }
    }

    /** Notes in the session where and when it logged in; called at every log-in, after its new session id. */
    void recordSignIn(HttpServletRequest request) {
        SignIn.of(request, clock.instant()).writeTo(request.getSession());
    }

    /** The user's sessions: {@code current} first, then the most recently active. */
    List<SessionView> list(String userId, HttpSession current) {
        List<SessionView> views = new ArrayList<>();
        views.add(SessionView.of(current.getId(),
                SignIn.readFrom(current::getAttribute, Instant.ofEpochMilli(current.getCreationTime())),
                clock.instant(), true));
        othersOf(userId, current.getId()).forEach((id, session) -> views.add(SessionView.of(id,
                SignIn.readFrom(session::getAttribute, session.getCreationTime()), session.getLastAccessedTime(), false)));
        views.sort(Comparator.comparing(SessionView::current).reversed()
                .thenComparing(SessionView::lastActiveAt, Comparator.reverseOrder()));
        return views;
    }

    /**
     * Ends the user's other session that {@code handle} names ({@link SessionView#handleOf}).
     *
     * @return the session as it was, to say which one ended
     * @throws NotFoundException when no other session of this user has that handle: another user's, the current
     *                           one, or one already ended
     */
    @Transactional
    SessionView endOther(String userId, String handle, String currentSessionId) {
        Map<String, Session> others = othersOf(userId, currentSessionId);
        String id = others.keySet().stream().filter(candidate -> SessionView.handleOf(candidate).equals(handle))
                .findFirst().orElseThrow(() -> new NotFoundException("Session"));
        Session session = others.get(id);
        SignIn signIn = SignIn.readFrom(session::getAttribute, session.getCreationTime());
        end(userId, id, signIn);
        return SessionView.of(id, signIn, session.getLastAccessedTime(), false);
    }

    /**
     * Signs the user out everywhere else: ends every session of the user except {@code keptSessionId}, on every
     * node, and notes each in the audit log of their personal account. For whatever must shut out someone who may
     * have logged in as the user: "Sign out all other sessions", a password change or reset, a change of two-factor
     * authentication.
     *
     * @param keptSessionId the id of the session that asked, as it is before a log-in changes it ({@code null}
     *                      keeps none, for a change made without a session, such as a password reset link)
     * @return how many sessions ended
     */
    @Transactional
    public int endAllOtherSessions(String userId, String keptSessionId) {
        Map<String, Session> others = othersOf(userId, keptSessionId);
        others.forEach((id, session) -> end(userId, id, SignIn.readFrom(session::getAttribute, session.getCreationTime())));
        return others.size();
    }

    /**
     * Ended in the store's own transaction, before the audit entry is written in the caller's: a failed entry
     * leaves the session ended, never an entry for a session that still runs.
     */
    private void end(String userId, String sessionId, SignIn signIn) {
        sessions.deleteById(sessionId);
        String personalAccountId = accounts.findPersonal(userId)
                .orElseThrow(() -> new IllegalStateException("User " + userId + " has no personal account")).id();
        audit.record(personalAccountId, userId, AuditAction.SESSION_ENDED, signIn.browser(),
                signIn.address() == null ? null : "address=" + signIn.address());
    }

    /** The user's live sessions in the store, but {@code exceptId}; none where the servlet container keeps them. */
    private Map<String, Session> othersOf(String userId, String exceptId) {
        Map<String, Session> found = new LinkedHashMap<>();
        Optional<UserRow> user = users.findById(userId);
        if (sessions == null || user.isEmpty()) {
            return found;
        }
        // Sessions saved before the index held the user id are indexed by the email they logged in with.
        for (String principalName : Set.of(userId, user.get().email())) {
            sessions.findByPrincipalName(principalName).forEach((id, session) -> {
                if (!id.equals(exceptId) && !session.isExpired() && belongsTo(session, userId)) {
                    found.put(id, session);
                }
            });
        }
        return found;
    }

    /** Checked, because an email may have passed to someone else since a session was indexed by it. */
    private static boolean belongsTo(Session session, String userId) {
        Object stored = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        return stored instanceof SecurityContext context && context.getAuthentication() != null
                && context.getAuthentication().getPrincipal() instanceof AtriumPrincipal principal
                && principal.userId().equals(userId);
    }
}
