package io.atrium.web;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;

@IntegrationTest
class ActuatorTest extends ApplicationTest {

    @Test
    void healthLivenessAndReadinessAreOpen() throws Exception {
        // UP once the start-up checks that run after the server opens (FFmpeg) have run: StartupChecksTest
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP")));
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }

    @Test
    void healthRevealsNoDetails() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.components").doesNotExist());
    }

    @Test
    void otherActuatorEndpointsAreNotPublic() throws Exception {
        mvc.perform(get("/actuator/env")).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/beans")).andExpect(status().isForbidden());
        mvc.perform(get("/actuator")).andExpect(status().isForbidden());
    }
}
