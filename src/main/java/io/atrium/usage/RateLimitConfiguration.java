package io.atrium.usage;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Rate limits are counted in Redis when {@code spring.data.redis.url} or {@code spring.data.redis.host} is set
 * (so several nodes share one budget per account), else in this node's memory. Boot's Redis auto-configuration
 * always defines a template (for localhost by default), so it is used only when Redis was asked for. Each node
 * takes an account's budget from Redis in small leases ({@code atrium.rate-limits.lease-size}).
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean
    RateLimitStore rateLimitStore(Environment environment, ObjectProvider<StringRedisTemplate> redis,
            RateLimitProperties properties, Clock clock) {
        if (isBlank(environment.getProperty("spring.data.redis.url"))
                && isBlank(environment.getProperty("spring.data.redis.host"))) {
            log.info("Rate limits are counted in memory on this node (set spring.data.redis.host to share them)");
            return new MemoryRateLimitStore(clock);
        }
        StringRedisTemplate template = redis.getObject();
        if (template.getConnectionFactory() instanceof LettuceConnectionFactory lettuce) {
            log.info("Rate limits are counted in Redis at {}:{}, shared by every node, in leases of up to {} calls",
                    lettuce.getHostName(), lettuce.getPort(), properties.leaseSize());
        }
        return new RedisRateLimitStore(template, properties.leaseSize(), clock);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
