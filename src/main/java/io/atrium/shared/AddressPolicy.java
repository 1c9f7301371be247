package io.atrium.shared;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Which addresses the server may connect to on a user's behalf (a {@code video_url}, an S3 integration's
 * endpoint). Loopback, link-local, private (RFC 1918, RFC 4193), shared (RFC 6598), unspecified and multicast
 * addresses are refused, so a user cannot make the server reach itself or the network behind it, unless the
 * allow-list names them. An IPv6 address that carries an IPv4 address (IPv4-mapped, IPv4-translated,
 * IPv4-compatible, NAT64, 6to4, Teredo) is judged by that IPv4 address too, since a packet sent to it ends up
 * there (through the IPv4 stack, a NAT64 gateway or a 6to4 or Teredo relay).
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

    // 0.0.0.0/8 ("this network") is here for the IPv4-compatible form of :: and ::1's neighbours (::2 is 0.0.0.2).
    // 64:ff9b::/96, the well-known NAT64 prefix, is not: its addresses are judged by the IPv4 address they carry.
    // 64:ff9b:1::/48 is for NAT64 inside one network (RFC 8215), whose prefix length, and so where the IPv4 address
    // sits, only that network knows: refused whole.
    private static final List<Range> REFUSED = List.of(
            range("0.0.0.0/8"), range("100.64.0.0/10"), range("192.0.0.0/24"), range("198.18.0.0/15"),
            range("240.0.0.0/4"), range("fc00::/7"), range("64:ff9b:1::/48"));

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

    /** Whether the address, and every IPv4 address it carries, is public or named by the allow-list. */
    public boolean permits(InetAddress address) {
        List<InetAddress> reached = new ArrayList<>();
        reached.add(address);
        reached.addAll(carriedIpv4(address));
        return reached.stream().allMatch(each -> allowed.stream().anyMatch(range -> range.contains(each)) || isPublic(each));
    }

    private static boolean isPublic(InetAddress address) {
        return !(address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || REFUSED.stream().anyMatch(range -> range.contains(address)));
    }

    /**
     * The IPv4 addresses an IPv6 address carries:
     * <ul>
     * <li>IPv4-mapped {@code ::ffff:a.b.c.d} and IPv4-translated {@code ::ffff:0:a.b.c.d} (RFC 4291, RFC 2765);</li>
     * <li>IPv4-compatible {@code ::a.b.c.d} (deprecated, still read as IPv4 by some stacks);</li>
     * <li>NAT64 {@code 64:ff9b::a.b.c.d} (RFC 6052);</li>
     * <li>6to4 {@code 2002:AABB:CCDD::/48}, the address in bits 16 to 47 (RFC 3056);</li>
     * <li>Teredo {@code 2001:0::/32}: the client's address in the last 32 bits, inverted, where the relay sends
     * the packet, and the Teredo server's in bits 32 to 63. The server's is judged too: a real Teredo address
     * names a public server, so nothing legitimate is refused for it (RFC 4380).</li>
     * </ul>
     */
    private static List<InetAddress> carriedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return List.of();
        }
        byte[] b = address.getAddress();
        if (zeros(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff
                || zeros(b, 0, 8) && b[8] == (byte) 0xff && b[9] == (byte) 0xff && zeros(b, 10, 12)
                || zeros(b, 0, 12)
                || b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && zeros(b, 4, 12)) {
            return List.of(ipv4(b[12], b[13], b[14], b[15]));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return List.of(ipv4(b[2], b[3], b[4], b[5]));
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return List.of(ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]), ipv4(b[4], b[5], b[6], b[7]));
        }
        return List.of();
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return Inet4Address.getByAddress(new byte[] { a, b, c, d });
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
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
