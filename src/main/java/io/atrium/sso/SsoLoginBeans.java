package io.atrium.sso;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The pieces of Spring Security's OpenID Connect log-in that Atrium chooses itself. */
@Configuration(proxyBeanMethods = false)
class SsoLoginBeans {

    /**
     * Decoders of ID tokens, kept per provider and client: an organization that changes its issuer or client id gets a
     * decoder that checks the new issuer, audience and keys (Spring's own factory keeps one per registration id, which
     * here is the organization, for good). Each decoder checks the signature against the provider's JWKS, the issuer,
     * the audience, and the expiry.
     */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoders() {
        Cache<List<String>, JwtDecoder> decoders = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofHours(1)).maximumSize(10_000).build();
        return registration -> decoders.get(List.of(registration.getRegistrationId(),
                        registration.getProviderDetails().getIssuerUri(), registration.getClientId(),
                        registration.getProviderDetails().getJwkSetUri()),
                key -> new OidcIdTokenDecoderFactory().createDecoder(registration));
    }

    /**
     * The provider only tells who someone is: its access and refresh tokens are not kept after the log-in (neither in
     * memory nor in the session, where the client registration and its secret would go with them).
     */
    @Bean
    OAuth2AuthorizedClientRepository noAuthorizedClients() {
        return new OAuth2AuthorizedClientRepository() {
            @Override
            public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId,
                    Authentication principal, HttpServletRequest request) {
                return null;
            }

            @Override
            public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
                    HttpServletRequest request, HttpServletResponse response) {
                // dropped: see above
            }

            @Override
            public void removeAuthorizedClient(String registrationId, Authentication principal,
                    HttpServletRequest request, HttpServletResponse response) {
                // nothing kept
            }
        };
    }
}
