package io.atrium.sso;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of single sign-on ({@code atrium.sso.*}).
 *
 * @param dnsResolver {@code host:port} of the DNS server that domain verification asks for TXT records; unset, the
 *     system's resolvers (from {@code /etc/resolv.conf})
 * @param allowedAddresses loopback, link-local or private addresses (CIDR or single) a provider's issuer and endpoints
 *     may have: none by default, so an administrator cannot make the server fetch from the network behind it
 */
@ConfigurationProperties("atrium.sso")
record SsoProperties(String dnsResolver, @DefaultValue List<String> allowedAddresses) {
}
