package io.atrium.sso;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.stereotype.Component;

import io.atrium.shared.PublicUrl;
import io.atrium.shared.ServerSecret;
import io.atrium.sso.SsoSettingsRepository.SettingsRow;

/**
 * Spring Security's view of the organizations' providers: the registration id is the organization's id, and the
 * registration is built on each request from the organization's settings and its provider's discovery document (read
 * when needed, see {@link ProviderDiscovery}), so a change of settings applies at once on every node. Whether the
 * organization lets people in through it (turned on, or an administrator's Test connection) is decided once the
 * provider has answered, by {@link SsoLogins}.
 */
@Component
class OrganizationClientRegistrations implements ClientRegistrationRepository {

    /** What the provider is asked for: who the person is, their address, their name. */
    static final String[] SCOPES = {"openid", "email", "profile"};

    private final SsoSettingsRepository settings;
    private final ProviderDiscovery discovery;
    private final ServerSecret secret;
    private final PublicUrl publicUrl;

    OrganizationClientRegistrations(SsoSettingsRepository settings, ProviderDiscovery discovery, ServerSecret secret,
            PublicUrl publicUrl) {
        this.settings = settings;
        this.discovery = discovery;
        this.secret = secret;
        this.publicUrl = publicUrl;
    }

    /** Where the provider sends people back to: the address to register at the provider. */
    String redirectUri(String organizationId) {
        return publicUrl.of("/login/oauth2/code/" + organizationId);
    }

    /**
     * @return null for an organization without settings (Spring answers that as an unknown registration)
     * @throws ProviderUnreachableException when the provider's discovery document cannot be read
     */
    @Override
    public ClientRegistration findByRegistrationId(String organizationId) {
        SettingsRow row = settings.find(organizationId).orElse(null);
        if (row == null) {
            return null;
        }
        return build(row, discovery.cached(row.issuer()));
    }

    private ClientRegistration build(SettingsRow row, ClientRegistration discovered) {
        return ClientRegistration.withClientRegistration(discovered)
                .registrationId(row.accountId())
                .clientId(row.clientId())
                .clientSecret(secret.open(SsoSettingsService.SECRET_PURPOSE, row.accountId(), row.clientSecretSealed()))
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri(row.accountId()))
                .scope(SCOPES)
                // PKCE for this confidential client too: a stolen code is useless without the verifier in the session.
                .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                .clientName(row.issuer())
                .build();
    }
}
