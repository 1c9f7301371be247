package io.atrium;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Package by feature: each feature reaches another only through its top-level public types, with no cycles. */
class ModularityTest {

    @Test
    void featuresRespectEachOthersBoundaries() {
        ApplicationModules.of(AtriumApplication.class).verify();
    }
}
