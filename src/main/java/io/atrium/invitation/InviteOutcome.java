package io.atrium.invitation;

/** What happened to one address of an invite request (R-INV-1). */
public record InviteOutcome(String email, Result result, String message) {

    public enum Result {
        INVITED, RESENT, ALREADY_MEMBER, INVALID, DUPLICATE, LIMIT_REACHED;

        public boolean sent() {
            return this == INVITED || this == RESENT;
        }
    }
}
