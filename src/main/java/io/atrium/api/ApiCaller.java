package io.atrium.api;

import io.atrium.shared.Actor;

/**
 * Who is calling the API: the {@link Actor} (the key's account, the user who created the key, and whether that user
 * is an administrator of the account now: a key acts with its creator's current rights) and the key itself.
 */
public record ApiCaller(Actor actor, String keyRowId, String keyId) {

    public String accountId() {
        return actor.accountId();
    }

    public String userId() {
        return actor.userId();
    }

    public boolean admin() {
        return actor.admin();
    }
}
