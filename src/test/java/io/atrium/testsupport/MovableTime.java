package io.atrium.testsupport;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application's clock replaced by a {@link MutableClock} starting now, for tests of what expires or waits:
 * {@code @Import(MovableTime.class)}, then autowire the {@code MutableClock} and move it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableTime {

    @Bean
    @Primary
    MutableClock movableClock() {
        return new MutableClock(Instant.now());
    }
}
