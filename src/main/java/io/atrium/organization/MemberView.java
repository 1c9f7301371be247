package io.atrium.organization;

import java.time.Instant;

import io.atrium.account.UserView;

/** A member of an organization as the Members page shows them. */
public record MemberView(UserView user, Role role, Instant joinedAt) {
}
