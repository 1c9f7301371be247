package io.atrium.organization;

import java.time.Instant;

import io.atrium.account.UserView;

/**
 * A member of an organization as the Members page shows them.
 *
 * @param twoFactor whether they log in with two factors
 */
public record MemberView(UserView user, Role role, Instant joinedAt, boolean twoFactor) {
}
