package io.atrium.usage;

import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The store for several nodes: counters in Redis, counted and given their expiry in one round trip by a Lua
 * script, so every node draws on one budget per account.
 */
class RedisRateLimitStore implements RateLimitStore {

    // Run by its SHA; Spring sends the script again when Redis does not know it (after a restart or a flush).
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final RedisScript<List<Long>> SCRIPT = (RedisScript) RedisScript.of("""
            local minute = redis.call('INCR', KEYS[1])
            if minute == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
            local day
            if minute > tonumber(ARGV[3]) then
              day = tonumber(redis.call('GET', KEYS[2]) or '0')
            else
              day = redis.call('INCR', KEYS[2])
              if day == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
            end
            return {minute, day}
            """, List.class);

    private final StringRedisTemplate redis;

    RedisRateLimitStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Counts hit(String minuteKey, long minuteTtlSeconds, String dayKey, long dayTtlSeconds, long perMinute) {
        List<Long> counts = redis.execute(SCRIPT, List.of(minuteKey, dayKey), Long.toString(minuteTtlSeconds),
                Long.toString(dayTtlSeconds), Long.toString(perMinute));
        return new Counts(counts.get(0), counts.get(1));
    }

    @Override
    public Counts peek(String minuteKey, String dayKey) {
        List<String> counts = redis.opsForValue().multiGet(List.of(minuteKey, dayKey));
        return new Counts(number(counts.get(0)), number(counts.get(1)));
    }

    private static long number(String count) {
        return count == null ? 0 : Long.parseLong(count);
    }
}
