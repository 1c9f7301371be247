package io.atrium.account;

import java.time.Instant;

/**
 * Who a user is at an organization's single sign-on provider: the issuer and the subject it gives them, and the
 * address it vouched for when the identity was last used.
 */
public record SsoIdentityView(String accountId, String userId, String issuer, String subject, String email,
        Instant linkedAt) {
}
