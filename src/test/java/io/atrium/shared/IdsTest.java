package io.atrium.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAre24LowercaseHexCharactersAndUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.newId(Instant.parse("2026-11-28T10:00:00Z"));
            assertThat(Ids.isValid(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        String earlier = Ids.newId(Instant.parse("2026-01-01T00:00:00Z"));
        String later = Ids.newId(Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(later).isGreaterThan(earlier);
    }
}
