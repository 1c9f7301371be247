package io.atrium.testsupport;

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
}
