package io.atrium.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.atrium.shared.InvalidInputException;

class AddressAllowListTest {

    @Test
    void blocksAreWrittenCanonicallyWithTheirHostBitsCleared() {
        AddressAllowList list = AddressAllowList.parse(List.of("192.168.1.77/24, 2001:DB8:0:0::1/48 203.0.113.9"));

        assertThat(list.texts()).containsExactly("192.168.1.0/24", "2001:db8::/48", "203.0.113.9/32");
        assertThat(AddressAllowList.fromStored(list.stored()).texts()).isEqualTo(list.texts());
    }

    @Test
    void anAddressIsAllowedOnlyInsideABlockOfItsOwnFamily() {
        AddressAllowList list = AddressAllowList.parse(List.of("10.2.0.0/15", "::1"));

        assertThat(list.allows("10.1.255.255")).isFalse();
        assertThat(list.allows("10.2.0.0")).isTrue();
        assertThat(list.allows("10.3.255.255")).isTrue();
        assertThat(list.allows("10.4.0.0")).isFalse();
        assertThat(list.allows("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(list.allows("::2")).isFalse();
        assertThat(list.allows("::ffff:10.2.2.3")).isTrue();
        assertThat(list.allows("not an address")).isFalse();
        assertThat(AddressAllowList.ANYWHERE.allows("198.51.100.1")).isTrue();
    }

    @Test
    void hostNamesPrefixesTooLongAndBrokenLiteralsAreRefusedByName() {
        assertThatThrownBy(() -> AddressAllowList.parse(List.of("localhost, 10.0.0.0/33, 1.2.3, 2001:db8::/129, 1.2.3.4/x")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("localhost, 10.0.0.0/33, 1.2.3, 2001:db8::/129, 1.2.3.4/x");
    }
}
