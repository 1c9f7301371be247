package io.atrium.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

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
