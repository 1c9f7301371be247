package io.atrium.invitation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * @param maxPerDay invitation emails (new or resent) one organization may send in 24 hours (R-INV-8)
 * @param maxSendsPerHour emails one invitation may send in an hour, its first included (resends of one address)
 * @param validity how long an invitation link can be used (R-INV-2)
 */
@Validated
@ConfigurationProperties("atrium.invitations")
record InvitationProperties(@DefaultValue("50") @Positive int maxPerDay, @DefaultValue("3") @Positive int maxSendsPerHour,
        @DefaultValue("7d") @NotNull Duration validity) {
}
