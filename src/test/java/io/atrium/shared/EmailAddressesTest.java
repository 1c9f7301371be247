package io.atrium.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.ie", "x_1@a-b.io"})
    void ordinaryAddressesAreValid(String address) {
        assertThat(EmailAddresses.isValid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.com", "a@", "a@b", "a b@example.com", "a@example.com\r\nBcc: x@y.z",
            "a..b@example.com", ".a@example.com", "a.@example.com", "a@-example.com", "\"quoted\"@example.com",
            "a@[127.0.0.1]"})
    void malformedOrHeaderSmugglingAddressesAreInvalid(String address) {
        assertThat(EmailAddresses.isValid(address)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void addressesCompareWithoutCase() {
        assertThat(EmailAddresses.key(" Ada@Example.COM ")).isEqualTo("ada@example.com");
    }
}
