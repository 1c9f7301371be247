package io.atrium.sso;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.stream.Stream;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.atrium.shared.AddressPolicy;

/**
 * Reads providers' discovery documents ({@code <issuer>/.well-known/openid-configuration}), which name the
 * authorization, token, user info and key set endpoints. A log-in starts with a fresh read (so a provider that is down
 * is noticed before the browser is sent to it); the filters that follow in the same log-in read the copy kept for an
 * hour. Spring checks that the document names the issuer it was fetched from. The issuer and every endpoint must have
 * public addresses, or ones {@code atrium.sso.allowed-addresses} lists.
 */
@Component
class ProviderDiscovery {

    private final Cache<String, ClientRegistration> byIssuer = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1)).maximumSize(10_000).build();
    private final AddressPolicy policy;

    ProviderDiscovery(SsoProperties properties) {
        this.policy = new AddressPolicy(properties.allowedAddresses());
    }

    /**
     * The provider's endpoints, read now.
     *
     * @throws ProviderUnreachableException when the document cannot be read, or names an address that is not permitted
     */
    ClientRegistration fresh(String issuer) {
        try {
            requirePermitted(issuer);
            ClientRegistration discovered = ClientRegistrations.fromOidcIssuerLocation(issuer)
                    .registrationId("discovery").clientId("discovery").build();
            ClientRegistration.ProviderDetails provider = discovered.getProviderDetails();
            for (String endpoint : Stream.of(provider.getAuthorizationUri(), provider.getTokenUri(),
                    provider.getJwkSetUri(), provider.getUserInfoEndpoint().getUri()).filter(u -> u != null).toList()) {
                requirePermitted(endpoint);
            }
            byIssuer.put(issuer, discovered);
            return discovered;
        } catch (RuntimeException | UnknownHostException e) {
            throw new ProviderUnreachableException(issuer, e);
        }
    }

    /** The provider's endpoints, as read within the hour, else read now. */
    ClientRegistration cached(String issuer) {
        ClientRegistration known = byIssuer.getIfPresent(issuer);
        return known != null ? known : fresh(issuer);
    }

    private void requirePermitted(String url) throws UnknownHostException {
        String host = URI.create(url).getHost();
        if (host == null) {
            throw new UnknownHostException("No host in " + url);
        }
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (!policy.permits(address)) {
                throw new UnknownHostException(host + " has an address single sign-on may not reach");
            }
        }
    }
}
