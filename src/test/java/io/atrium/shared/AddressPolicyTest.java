package io.atrium.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

    @Test
    void insideAddressesAreRefusedUnlessTheAllowListNamesThem() throws UnknownHostException {
        AddressPolicy strict = new AddressPolicy(List.of());
        for (String inside : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1")) {
            assertThat(strict.permits(InetAddress.getByName(inside))).as(inside).isFalse();
        }
        assertThat(strict.permits(InetAddress.getByName("93.184.216.34"))).isTrue();
        assertThat(strict.permits(InetAddress.getByName("2606:2800:220:1::1"))).isTrue();

        AddressPolicy allowing = new AddressPolicy(List.of("10.1.0.0/16", "127.0.0.1"));
        assertThat(allowing.permits(InetAddress.getByName("10.1.200.3"))).isTrue();
        assertThat(allowing.permits(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(allowing.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
    }

    /**
     * IPv6 forms that carry an IPv4 address reach that address (through a 6to4 or Teredo relay, a NAT64 gateway,
     * or a stack that reads them as IPv4), so they are judged by it. The Teredo client address is stored inverted.
     */
    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
            "6to4,                127.0.0.1,                                       2002:7f00:1::",
            "6to4,                10.0.0.1,                                        2002:a00:1:1::5",
            "6to4,                169.254.169.254,                                 2002:a9fe:a9fe::",
            "Teredo,              127.0.0.1,                                       2001:0:4136:e378:8000:63bf:80ff:fffe",
            "Teredo,              10.0.0.1,                                        2001:0:4136:e378:8000:63bf:f5ff:fffe",
            "Teredo,              169.254.169.254,                                 2001:0:4136:e378:8000:63bf:5601:5601",
            "Teredo server,       10.0.0.1 as the server of a public client,       2001:0:a00:1:8000:63bf:a247:27dd",
            "IPv4-compatible,     127.0.0.1,                                       ::7f00:1",
            "IPv4-compatible,     10.0.0.1,                                        ::10.0.0.1",
            "IPv4-compatible,     169.254.169.254,                                 ::169.254.169.254",
            "IPv4-compatible,     0.0.0.2,                                         ::2",
            "NAT64,               127.0.0.1,                                       64:ff9b::127.0.0.1",
            "NAT64,               10.0.0.1,                                        64:ff9b::a00:1",
            "NAT64,               169.254.169.254,                                 64:ff9b::169.254.169.254",
            "NAT64 local use,     any address under 64:ff9b:1::/48,                64:ff9b:1::5db8:d822",
            "IPv4-mapped,         127.0.0.1,                                       ::ffff:127.0.0.1",
            "IPv4-mapped,         10.0.0.1,                                        ::ffff:10.0.0.1",
            "IPv4-mapped,         169.254.169.254,                                 ::ffff:169.254.169.254",
            "IPv4-translated,     10.0.0.1,                                        ::ffff:0:10.0.0.1",
    })
    void anIpv6AddressThatCarriesAnInsideIpv4AddressIsRefused(String form, String carried, String address)
            throws UnknownHostException {
        assertThat(new AddressPolicy(List.of()).permits(ipv6(address))).as(form + " carrying " + carried).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "6to4,                2002:5db8:d822::1",
            "Teredo,              2001:0:4136:e378:8000:63bf:a247:27dd",
            "IPv4-compatible,     ::93.184.216.34",
            "NAT64,               64:ff9b::93.184.216.34",
            "IPv4-mapped,         ::ffff:93.184.216.34",
            "IPv4-translated,     ::ffff:0:93.184.216.34",
    })
    void anIpv6AddressThatCarriesAPublicIpv4AddressIsPermitted(String form, String address) throws UnknownHostException {
        assertThat(new AddressPolicy(List.of()).permits(ipv6(address))).as(form).isTrue();
    }

    @Test
    void theAllowListAlsoPermitsTheAddressesItNamesWhenAnIpv6FormCarriesThem() throws UnknownHostException {
        AddressPolicy allowing = new AddressPolicy(List.of("10.1.0.0/16"));

        assertThat(allowing.permits(ipv6("64:ff9b::10.1.2.3"))).isTrue();
        assertThat(allowing.permits(ipv6("2002:a01:203::"))).isTrue();
        assertThat(allowing.permits(ipv6("64:ff9b::10.2.0.1"))).isFalse();
    }

    /** As an IPv6 address even where Java would hand back the IPv4 address an IPv4-mapped literal carries. */
    private static Inet6Address ipv6(String literal) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        if (bytes.length == 4) {
            bytes = new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, bytes[0], bytes[1], bytes[2], bytes[3] };
        }
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    @Test
    void theDnsResolverAnswersOnlyWithPermittedAddresses() throws UnknownHostException {
        DnsResolver strict = new AddressPolicy(List.of()).dnsResolver();
        assertThatThrownBy(() -> strict.resolve("localhost")).isInstanceOf(AddressPolicy.RefusedAddress.class);
        assertThatThrownBy(() -> strict.resolve("127.0.0.1")).isInstanceOf(AddressPolicy.RefusedAddress.class);
        assertThatThrownBy(() -> strict.resolve("no-such-host.invalid")).isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(AddressPolicy.RefusedAddress.class);

        DnsResolver allowing = new AddressPolicy(List.of("127.0.0.0/8")).dnsResolver();
        assertThat(allowing.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    }
}
