package io.atrium.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * Limits on the identity mails (confirmation links, reset links, sign-up notices), per rolling hour.
 *
 * @param perAddressPerHour mails of one kind to one address: enough for a lost mail or two, too few to flood a mailbox
 * @param perClientPerHour identity mails one client address may cause, whatever the addresses: a team signing up
 *     behind one NAT stays under it, a script mailing strangers does not
 */
@Validated
@ConfigurationProperties("atrium.identity.mails")
record IdentityMailProperties(@DefaultValue("3") @Positive int perAddressPerHour,
        @DefaultValue("30") @Positive int perClientPerHour) {
}
