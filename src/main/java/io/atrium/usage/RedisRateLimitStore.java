package io.atrium.usage;

import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The store for several nodes: counters in Redis, counted and given their expiry in one round trip by a Lua
 * script, so every node draws on one budget per account.
 */
class RedisRateLimitStore implements RateLimitStore, AutoCloseable {

    private static final String SCRIPT = """
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
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private volatile String sha;

    RedisRateLimitStore(RedisURI uri) {
        this.client = RedisClient.create(uri);
        this.connection = client.connect();
        this.sha = connection.sync().scriptLoad(SCRIPT);
    }

    @Override
    public Counts hit(String minuteKey, long minuteTtlSeconds, String dayKey, long dayTtlSeconds, long perMinute) {
        RedisCommands<String, String> redis = connection.sync();
        String[] keys = {minuteKey, dayKey};
        String[] arguments = {Long.toString(minuteTtlSeconds), Long.toString(dayTtlSeconds), Long.toString(perMinute)};
        List<Long> counts;
        try {
            counts = redis.evalsha(sha, ScriptOutputType.MULTI, keys, arguments);
        } catch (RedisNoScriptException restartedRedis) {
            sha = redis.scriptLoad(SCRIPT);
            counts = redis.evalsha(sha, ScriptOutputType.MULTI, keys, arguments);
        }
        return new Counts(counts.get(0), counts.get(1));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
