package io.atrium.usage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;

import jakarta.annotation.PreDestroy;

/**
 * The store for several nodes: counters in Redis, so every node draws on one budget per account (R-PLAN-2). A node
 * does not ask Redis on every call: it takes a lease of up to {@code leaseSize} calls of an account's budget in a
 * category, counted in the minute and the day at once by a Lua script that never grants past either limit, and
 * spends it in memory. So the limit always holds; the price is that calls one node has leased and not spent cannot
 * be spent by another, so a call may be refused while up to (nodes − 1) × {@code leaseSize} calls of the minute
 * sit unspent on other nodes. A lease is at most half of what is left of the budget (at least one call), so near
 * the limit few calls sit unspent. What a lease did not spend is given back to the day once its minute has passed
 * (every few seconds), and all of it when the node stops.
 */
class RedisRateLimitStore implements RateLimitStore {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimitStore.class);

    /**
     * KEYS: the minute, the day; ARGV: the lease size, the minute's and the day's limit, their counters' lifetimes.
     * Answers the two counts after the lease and how many calls it granted (0 when either limit is reached).
     * Run by its SHA; Spring sends the script again when Redis does not know it (after a restart or a flush).
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final RedisScript<List<Long>> LEASE = (RedisScript) RedisScript.of("""
            local minute = tonumber(redis.call('GET', KEYS[1]) or '0')
            local day = tonumber(redis.call('GET', KEYS[2]) or '0')
            local left = math.min(tonumber(ARGV[2]) - minute, tonumber(ARGV[3]) - day)
            local granted = 0
            if left > 0 then
              granted = math.min(tonumber(ARGV[1]), math.max(1, math.floor(left / 2)))
              minute = redis.call('INCRBY', KEYS[1], granted)
              if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
              day = redis.call('INCRBY', KEYS[2], granted)
              if redis.call('TTL', KEYS[2]) < 0 then redis.call('EXPIRE', KEYS[2], ARGV[5]) end
            end
            return {minute, day, granted}
            """, List.class);

    /** Takes ARGV[i] off the counter KEYS[i], for each i, unless it has expired meanwhile; never below 0. */
    private static final RedisScript<Long> GIVE_BACK = RedisScript.of("""
            for i, key in ipairs(KEYS) do
              if redis.call('EXISTS', key) == 1 then
                local count = redis.call('DECRBY', key, ARGV[i])
                if count < 0 then redis.call('INCRBY', key, -count) end
              end
            end
            return #KEYS
            """, Long.class);

    private final StringRedisTemplate redis;
    private final int leaseSize;
    private final Clock clock;
    /** This node's lease of each account's minute in each category, by the minute's key. */
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    RedisRateLimitStore(StringRedisTemplate redis, int leaseSize, Clock clock) {
        this.redis = redis;
        this.leaseSize = leaseSize;
        this.clock = clock;
    }

    @Override
    public Counts hit(Request request) {
        while (true) {
            Lease lease = leases.computeIfAbsent(request.minuteKey(), key -> new Lease(key, request));
            lease.lock.lock();
            try {
                if (lease.givenBack) {
                    continue; // its minute ended while this call waited: the call takes a lease of its own
                }
                Counts counts = lease.spend();
                if (counts == null) {
                    counts = lease.refusal(request);
                }
                return counts != null ? counts : lease.take(request);
            } finally {
                lease.lock.unlock();
            }
        }
    }

    @Override
    public Counts peek(String minuteKey, String dayKey) {
        List<String> counts = redis.opsForValue().multiGet(List.of(minuteKey, dayKey));
        return new Counts(number(counts.get(0)), number(counts.get(1)));
    }

    /** Gives back to their days what the leases of minutes that have passed did not spend. */
    @Scheduled(fixedDelay = 5_000)
    void giveBackLapsedLeases() {
        giveBack(false);
    }

    /** When the node stops, every lease goes back, the current minute's too (to its minute and its day). */
    @PreDestroy
    void giveBackAllLeases() {
        giveBack(true);
    }

    private void giveBack(boolean stopping) {
        long now = clock.instant().getEpochSecond();
        List<String> keys = new ArrayList<>();
        List<String> amounts = new ArrayList<>();
        for (Lease lease : leases.values()) {
            boolean current = lease.minuteEnd > now;
            if (current && !stopping) {
                continue;
            }
            leases.remove(lease.minuteKey, lease);
            long unspent = lease.close();
            if (unspent > 0) {
                if (current) {
                    keys.add(lease.minuteKey);
                    amounts.add(Long.toString(unspent));
                }
                keys.add(lease.dayKey);
                amounts.add(Long.toString(unspent));
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        try {
            redis.execute(GIVE_BACK, keys, amounts.toArray());
        } catch (RuntimeException redisDown) {
            // the day keeps counting those calls: the account may be refused that many calls early today
            log.warn("Unspent rate limit leases could not be given back to Redis ({})", redisDown.toString());
        }
    }

    private static long number(String count) {
        return count == null ? 0 : Long.parseLong(count);
    }

    /** The calls of one account's minute in one category this node has taken from Redis; guarded by its lock. */
    private final class Lease {

        final ReentrantLock lock = new ReentrantLock();
        final String minuteKey;
        final String dayKey;
        final long minuteEnd;
        /** Redis's counts of the minute and the day before the current grant. */
        long minuteBefore;
        long dayBefore;
        long granted;
        long spent;
        /** What Redis said when it granted nothing, and under which limits: the answer until the minute ends. */
        Counts refused;
        long refusedPerMinute;
        long refusedPerDay;
        boolean givenBack;

        Lease(String minuteKey, Request request) {
            this.minuteKey = minuteKey;
            this.dayKey = request.dayKey();
            this.minuteEnd = request.minuteEnd();
        }

        /** One call from the lease, or null when it is spent. */
        Counts spend() {
            if (spent == granted) {
                return null;
            }
            spent++;
            return new Counts(minuteBefore + spent, dayBefore + spent);
        }

        /**
         * The refusal Redis gave this minute, unless the account's limits have changed since (its plan): no other
         * node gives calls of a minute back before it ends, so asking again would change nothing.
         */
        Counts refusal(Request request) {
            return refused != null && refusedPerMinute == request.perMinute() && refusedPerDay == request.perDay()
                    ? refused : null;
        }

        /** A new lease from Redis, and its first call; or, when either limit is reached, a refusal. */
        Counts take(Request request) {
            List<Long> answer = redis.execute(LEASE, List.of(minuteKey, dayKey), Integer.toString(leaseSize),
                    Long.toString(request.perMinute()), Long.toString(request.perDay()),
                    Long.toString(MINUTE_TTL_SECONDS), Long.toString(DAY_TTL_SECONDS));
            long minute = answer.get(0);
            long day = answer.get(1);
            long grant = answer.get(2);
            if (grant == 0) {
                // counted as the limiter reads counts: past the minute's limit, or else past the day's
                refused = minute >= request.perMinute() ? new Counts(minute + 1, day) : new Counts(minute + 1, day + 1);
                refusedPerMinute = request.perMinute();
                refusedPerDay = request.perDay();
                return refused;
            }
            refused = null;
            minuteBefore = minute - grant;
            dayBefore = day - grant;
            granted = grant;
            spent = 0;
            return spend();
        }

        /** Ends the lease; answers how many of its calls were not spent. */
        long close() {
            lock.lock();
            try {
                givenBack = true;
                long unspent = granted - spent;
                granted = spent;
                return unspent;
            } finally {
                lock.unlock();
            }
        }
    }
}
