package io.atrium.organization;

import java.time.Instant;

import io.atrium.account.SsoIdentityView;
import io.atrium.account.UserView;

/**
 * A member of an organization as the Members page shows them.
 *
 * @param twoFactor whether they log in with two factors
 * @param ssoIdentity who they are at the organization's single sign-on provider, or null when they never logged in
 *     through it
 */
public record MemberView(UserView user, Role role, Instant joinedAt, boolean twoFactor, SsoIdentityView ssoIdentity) {
}
