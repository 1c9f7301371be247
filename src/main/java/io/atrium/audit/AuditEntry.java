package io.atrium.audit;

import java.time.Instant;

/**
 * One line of an account's audit log: who did what to which target, when, and from which client address.
 *
 * @param actor who acted; {@code null} for what Atrium did by itself (the keys of a member who left, for example)
 * @param target what was acted on, in words a person reads (an email, a name); may be {@code null}
 * @param details further facts such as {@code role=admin}; may be {@code null}
 * @param clientAddress the address the request came from; {@code null} for work outside a request
 */
public record AuditEntry(String id, String action, Actor actor, String target, String details, String clientAddress,
        Instant createdAt) {

    /**
     * The user who acted, with the name and email they have now; both are {@code null} when the user no longer
     * exists.
     */
    public record Actor(String id, String name, String email) {

        public boolean known() {
            return name != null;
        }
    }

    public String sentence() {
        return AuditAction.sentenceOf(action);
    }

    /** The details in words ("Regular user → Administrator"), as the page and the CSV show them. */
    public String readableDetails() {
        return AuditDetails.readable(details);
    }
}
