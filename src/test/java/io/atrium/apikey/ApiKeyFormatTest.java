package io.atrium.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    @Test
    void aNewKeyHasThePrefixKeyIdSecretAndChecksumAndParsesBack() {
        ApiKeyFormat.NewKey key = ApiKeyFormat.generate();

        assertThat(key.value()).matches("atk_[0-9A-Za-z]{12}_[0-9A-Za-z]{38}");
        ApiKeyFormat.ParsedKey parsed = ApiKeyFormat.parse(key.value()).orElseThrow();
        assertThat(parsed.keyId()).isEqualTo(key.keyId());
        assertThat(ApiKeyFormat.hash(parsed.secret())).isEqualTo(key.secretHash());
        assertThat(key.secretHash()).doesNotContain(parsed.secret());
    }

    @Test
    void theSecretCarriesAtLeast128RandomBits() {
        assertThat(ApiKeyFormat.SECRET_LENGTH * Math.log(62) / Math.log(2)).isGreaterThanOrEqualTo(128);
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(ApiKeyFormat.parse(ApiKeyFormat.generate().value()).orElseThrow().secret());
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void anyMistypedCharacterFailsTheChecksumOffline() {
        String value = ApiKeyFormat.generate().value();
        for (int i = 4; i < value.length(); i++) {
            if (value.charAt(i) == '_') {
                continue;
            }
            char replacement = value.charAt(i) == 'a' ? 'b' : 'a';
            String typo = value.substring(0, i) + replacement + value.substring(i + 1);
            assertThat(ApiKeyFormat.parse(typo)).as("typo at %d", i).isEmpty();
        }
    }

    @Test
    void otherShapesAreNotKeys() {
        assertThat(ApiKeyFormat.parse(null)).isEmpty();
        assertThat(ApiKeyFormat.parse("")).isEmpty();
        assertThat(ApiKeyFormat.parse("tlk_ABCDEFGHIJKL_0123456789012345678901234567890123456")).isEmpty();
        String value = ApiKeyFormat.generate().value();
        assertThat(ApiKeyFormat.parse(value + "x")).isEmpty();
        assertThat(ApiKeyFormat.parse(" " + value.substring(1))).isEmpty();
    }
}
