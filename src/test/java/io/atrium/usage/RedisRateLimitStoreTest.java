package io.atrium.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.atrium.shared.Ids;

/** Against the machine's Redis (127.0.0.1:6379, as SharedRateLimitTest), and against a port where none answers. */
class RedisRateLimitStoreTest {

    @Test
    void countsTheMinuteAndTheDayButNotADayPastTheMinuteLimit() {
        withStore(6379, store -> {
            String prefix = "test:" + Ids.newId(Instant.now());
            assertThat(store.hit(prefix + ":m", 60, prefix + ":d", 60, 2)).isEqualTo(new RateLimitStore.Counts(1, 1));
            assertThat(store.hit(prefix + ":m", 60, prefix + ":d", 60, 2)).isEqualTo(new RateLimitStore.Counts(2, 2));
            assertThat(store.hit(prefix + ":m", 60, prefix + ":d", 60, 2)).isEqualTo(new RateLimitStore.Counts(3, 2));
        });
    }

    @Test
    void anUnreachableRedisFailsTheCallWhichTheLimiterLetsPass() {
        withStore(1, store -> assertThatThrownBy(() -> store.hit("m", 60, "d", 60, 10))
                .isInstanceOf(RuntimeException.class));
    }

    private static void withStore(int port, Consumer<RedisRateLimitStore> test) {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
        connections.afterPropertiesSet();
        connections.start();
        try {
            test.accept(new RedisRateLimitStore(new StringRedisTemplate(connections)));
        } finally {
            connections.destroy();
        }
    }
}
