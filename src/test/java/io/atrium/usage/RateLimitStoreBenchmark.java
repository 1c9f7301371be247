package io.atrium.usage;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the rate limiter pays on each API call to count it (docs/benchmarks.md): {@code keys} is the baseline (the
 * clock and the two window keys every call builds), {@code memory} counts in this node's memory, {@code redis}
 * in Redis at {@code REDIS_HOST}:{@code REDIS_PORT} (default 127.0.0.1:6379) with leases of one call (a round trip
 * of the Lua script per call, as before leases), {@code redisLease} with leases of the default size (10): nine calls
 * in ten are served from the node's memory, the tenth takes the next lease. The plan lookup before it is a cache
 * read and is left out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RateLimitStoreBenchmark {

    private static final String ACCOUNT = "0123456789abcdef01234567";

    private final Clock clock = Clock.systemUTC();
    private MemoryRateLimitStore memory;
    private LettuceConnectionFactory connections;
    private RedisRateLimitStore redis;
    private RedisRateLimitStore redisLease;

    @Setup(Level.Trial)
    public void stores() {
        memory = new MemoryRateLimitStore(clock);
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
                System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(System.getenv().getOrDefault("REDIS_PORT", "6379"))));
        connections.afterPropertiesSet();
        connections.start();
        StringRedisTemplate template = new StringRedisTemplate(connections);
        redis = new RedisRateLimitStore(template, 1, clock);
        redisLease = new RedisRateLimitStore(template, 10, clock);
    }

    @TearDown(Level.Trial)
    public void close() {
        redisLease.giveBackAllLeases();
        connections.destroy();
    }

    @Benchmark
    public Object keys() {
        return request(clock.instant().getEpochSecond());
    }

    @Benchmark
    public Object memory() {
        return memory.hit(request(clock.instant().getEpochSecond()));
    }

    @Benchmark
    public Object redis() {
        return redis.hit(request(clock.instant().getEpochSecond()));
    }

    @Benchmark
    public Object redisLease() {
        return redisLease.hit(request(clock.instant().getEpochSecond()));
    }

    /** What the limiter hands the store: the two window keys, when the minute ends, limits out of reach. */
    private static RateLimitStore.Request request(long second) {
        return new RateLimitStore.Request(minuteKey(second), (second / 60 + 1) * 60, dayKey(second), Long.MAX_VALUE,
                Long.MAX_VALUE);
    }

    private static String minuteKey(long second) {
        return "atrium:rl:bench:" + ACCOUNT + ":resources:m:" + second / 60;
    }

    private static String dayKey(long second) {
        return "atrium:rl:bench:" + ACCOUNT + ":resources:d:" + second / 86_400;
    }
}
