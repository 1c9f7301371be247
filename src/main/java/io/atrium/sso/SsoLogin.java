package io.atrium.sso;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.stereotype.Component;

/**
 * Adds the log-in through organizations' providers to the Playground's filter chain: Spring Security's OpenID Connect
 * log-in ({@code /oauth2/authorization/{organizationId}} out, {@code /login/oauth2/code/{organizationId}} back) with
 * authorization code, PKCE, state and nonce, the registrations of {@link OrganizationClientRegistrations}, and
 * Atrium's own handling of what comes back. The form log-in is untouched.
 */
@Component
public class SsoLogin {

    /** Pages of single sign-on a visitor reaches before logging in. */
    public static final String[] PUBLIC_PATHS = {"/login/sso", "/sso/*", "/sso/*/start"};

    private final OrganizationClientRegistrations registrations;
    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final JwtDecoderFactory<ClientRegistration> idTokenDecoders;
    private final SsoLoginHandlers handlers;

    SsoLogin(OrganizationClientRegistrations registrations, OAuth2AuthorizedClientRepository authorizedClients,
            JwtDecoderFactory<ClientRegistration> idTokenDecoders, SsoLoginHandlers handlers) {
        this.registrations = registrations;
        this.authorizedClients = authorizedClients;
        this.idTokenDecoders = idTokenDecoders;
        this.handlers = handlers;
    }

    /**
     * Checks what the provider sends back: exchanges the code (with the PKCE verifier) for tokens, checks the ID token
     * (signature from the provider's JWKS, issuer, audience, expiry, and the nonce of this log-in) and reads the user
     * info. For the chain's authentication manager, which names every provider it has.
     */
    public AuthenticationProvider authenticationProvider() {
        OidcAuthorizationCodeAuthenticationProvider provider = new OidcAuthorizationCodeAuthenticationProvider(
                new RestClientAuthorizationCodeTokenResponseClient(), new OidcUserService());
        provider.setJwtDecoderFactory(idTokenDecoders);
        return provider;
    }

    public HttpSecurity applyTo(HttpSecurity http) throws Exception {
        return http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(authorizedClients)
                .successHandler(handlers.success())
                .failureHandler(handlers.failure())
                // A provider that cannot be reached while the log-in starts is a failure to show, not a 500.
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                    @Override
                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler(handlers.failure());
                        return filter;
                    }
                }));
    }
}
