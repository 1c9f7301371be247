package io.atrium.audit;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.shared.ClientAddress;
import io.atrium.shared.Ids;

/**
 * Records changes in an account's audit log, inside the transaction of the change itself, so an entry
 * exists exactly when the change does. Never given secrets (passwords, tokens, keys).
 */
@Service
public class AuditLog {

    private final AuditRepository entries;
    private final Clock clock;

    AuditLog(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * @param target what was acted on, in words a person reads (an email, a name)
     * @param details further facts, such as {@code role=admin}; may be {@code null}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String accountId, String actorUserId, AuditAction action, String target, String details) {
        Instant now = clock.instant();
        entries.insert(Ids.newId(now), accountId, actorUserId, action.code(), target, details, ClientAddress.current(), now);
    }
}
