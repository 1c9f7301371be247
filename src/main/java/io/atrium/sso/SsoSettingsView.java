package io.atrium.sso;

import java.time.Instant;
import java.util.List;

import io.atrium.organization.Role;
import io.atrium.sso.SsoDomainRepository.DomainRow;

/**
 * Settings > Organization > SSO as its page shows it; never the client secret, only whether one is set.
 *
 * @param testedAt when Test connection last succeeded for this provider, or null
 * @param redirectUri where the provider sends people back: to register at the provider
 * @param verificationRecord the TXT record that proves a domain is the organization's
 * @param loginLink the organization's own single sign-on link
 * @param passwordAdmins the administrators, who keep a password log-in when single sign-on is required
 */
record SsoSettingsView(boolean configured, String issuer, String clientId, boolean secretSet, Role joinRole,
        Instant testedAt, boolean enabled, boolean requireSso, String redirectUri, String verificationRecord,
        String loginLink, List<DomainRow> domains, List<String> passwordAdmins) {
}
