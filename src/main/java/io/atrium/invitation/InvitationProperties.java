package io.atrium.invitation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxPerDay invitation emails (new or resent) one organization may send in 24 hours (R-INV-8)
 * @param maxSendsPerHour emails one invitation may send in an hour, its first included (resends of one address)
 * @param validity how long an invitation link can be used (R-INV-2)
 */
@ConfigurationProperties("atrium.invitations")
record InvitationProperties(int maxPerDay, int maxSendsPerHour, Duration validity) {

    InvitationProperties {
        if (maxPerDay <= 0) {
            maxPerDay = 50;
        }
        if (maxSendsPerHour <= 0) {
            maxSendsPerHour = 3;
        }
        if (validity == null) {
            validity = Duration.ofDays(7);
        }
    }
}
