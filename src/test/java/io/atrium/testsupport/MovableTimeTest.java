package io.atrium.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.awaitility.core.ThrowingRunnable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * An {@link ApplicationTest} whose application clock is a {@link MutableClock} starting now ({@link MovableTime}), for
 * tests of what expires or waits: move {@link #clock}. A test class extends it and is annotated
 * {@code @IntegrationTest} itself; all such classes share one application context.
 */
@Import(MovableTime.class)
public abstract class MovableTimeTest extends ApplicationTest {

    @Autowired
    protected MutableClock clock;

    /**
     * Waits up to 30 seconds for the assertion to hold while the clock moves a second at each look: the background
     * jobs read this clock, so a job waiting for its turn or for a retry runs only if time passes, as it does for a
     * real server.
     */
    protected void awaitWhileTimePasses(ThrowingRunnable assertion) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            clock.advance(Duration.ofSeconds(1));
            assertion.run();
        });
    }
}
