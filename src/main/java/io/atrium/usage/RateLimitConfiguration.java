package io.atrium.usage;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.lettuce.core.RedisURI;

/**
 * Rate limits are counted in Redis when {@code spring.data.redis.url} or {@code spring.data.redis.host} is set
 * (so several nodes share one budget per account), else in this node's memory.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean(destroyMethod = "")
    RateLimitStore rateLimitStore(Environment environment, Clock clock) {
        String url = environment.getProperty("spring.data.redis.url");
        String host = environment.getProperty("spring.data.redis.host");
        if ((url == null || url.isBlank()) && (host == null || host.isBlank())) {
            log.info("Rate limits are counted in memory on this node (set spring.data.redis.host to share them)");
            return new MemoryRateLimitStore(clock);
        }
        RedisURI uri = url != null && !url.isBlank() ? RedisURI.create(url)
                : RedisURI.builder().withHost(host).withPort(environment.getProperty("spring.data.redis.port", Integer.class, 6379))
                        .withDatabase(environment.getProperty("spring.data.redis.database", Integer.class, 0))
                        .build();
        String password = environment.getProperty("spring.data.redis.password");
        if (password != null && !password.isBlank()) {
            uri.setCredentialsProvider(io.lettuce.core.RedisCredentialsProvider.from(() ->
                    io.lettuce.core.RedisCredentials.just(environment.getProperty("spring.data.redis.username"), password)));
        }
        log.info("Rate limits are counted in Redis at {}:{}, shared by every node", uri.getHost(), uri.getPort());
        return new RedisRateLimitStore(uri);
    }
}
