package io.atrium.shared;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

@IntegrationTest
class StartupChecksTest extends ApplicationTest {

    /** A start-up check that runs until the test lets it finish. */
    static final class HeldCheck implements StartupCheck {

        private final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void run() throws InterruptedException {
            release.await();
        }

        void release() {
            release.countDown();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class HeldChecks {

        @Bean
        HeldCheck heldCheck() {
            return new HeldCheck();
        }
    }

    @Autowired
    private HeldCheck held;

    @AfterEach
    void releaseTheCheck() {
        held.release();
    }

    @Test
    void healthSaysStartingUntilTheStartupChecksHaveRunThenUp() throws Exception {
        // the server answers meanwhile: it is alive, only not ready
        mvc.perform(get("/actuator/health")).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("STARTING"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isServiceUnavailable());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/login")).andExpect(status().isOk());

        held.release();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP")));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }
}
