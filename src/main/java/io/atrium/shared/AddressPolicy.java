package io.atrium.shared;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Which addresses the server may connect to on a user's behalf (a {@code video_url}, an S3 integration's
 * endpoint). Loopback, link-local, private (RFC 1918, RFC 4193), shared (RFC 6598), unspecified and multicast
 * addresses are refused, so a user cannot make the server reach itself or the network behind it, unless the
 * allow-list names them.
 */
public final class AddressPolicy {

    /** A host whose every address the policy refuses. */
    public static final class RefusedAddress extends UnknownHostException {

        RefusedAddress(String host) {
            super(host);
        }
    }

    /** A CIDR range: the first address and how many leading bits must match. */
    private record Range(byte[] network, int bits) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            BigInteger mask = BigInteger.ONE.shiftLeft(bytes.length * 8).subtract(BigInteger.ONE)
                    .shiftRight(bits).not();
            return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private static final List<Range> REFUSED = List.of(
            range("100.64.0.0/10"), range("192.0.0.0/24"), range("198.18.0.0/15"), range("240.0.0.0/4"),
            range("fc00::/7"), range("64:ff9b::/96"));

    private final List<Range> allowed;

    /**
     * @param allowedAddresses CIDR ranges ({@code 10.1.0.0/16}, {@code fd00::/8}) or single addresses
     * @throws IllegalArgumentException for an entry that is neither
     */
    public AddressPolicy(List<String> allowedAddresses) {
        this.allowed = allowedAddresses.stream().map(AddressPolicy::range).toList();
    }

    /**
     * A resolver for Apache HttpClient 5 that answers only with the addresses this policy permits, so that every
     * connection (the first, each redirect, each retry) is checked against the DNS answer it actually uses: a
     * host that resolved to a public address when it was checked and to an inside one later is not connected to.
     * A host left with no address is refused with {@link RefusedAddress}.
     */
    public DnsResolver dnsResolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] permitted = Arrays.stream(SystemDefaultDnsResolver.INSTANCE.resolve(host))
                        .filter(AddressPolicy.this::permits).toArray(InetAddress[]::new);
                if (permitted.length == 0) {
                    throw new RefusedAddress(host);
                }
                return permitted;
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
    }

    public boolean permits(InetAddress address) {
        InetAddress effective = unmapped(address);
        return allowed.stream().anyMatch(range -> range.contains(effective)) || isPublic(effective);
    }

    private static boolean isPublic(InetAddress address) {
        return !(address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || REFUSED.stream().anyMatch(range -> range.contains(address)));
    }

    /** An IPv4 address written as IPv6 ({@code ::ffff:127.0.0.1}) is judged as the IPv4 address it is. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            mapped &= bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            if (mapped) {
                try {
                    return Inet4Address.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
                } catch (UnknownHostException impossible) {
                    throw new IllegalStateException(impossible);
                }
            }
        }
        return address;
    }

    /** Parses {@code 10.0.0.0/8}, {@code fd00::/8} or a single literal address (no host names, no lookups). */
    private static Range range(String cidr) {
        String[] parts = cidr.strip().split("/", 2);
        if (!parts[0].matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + cidr);
        }
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in " + cidr);
            }
            return new Range(network, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("Not an address or CIDR range: " + cidr, e);
        }
    }
}
