package io.atrium.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.atrium.shared.Ids;
import io.atrium.testsupport.MutableClock;

/**
 * Against the machine's Redis (127.0.0.1:6379, as SharedRateLimitTest), and against a port where none answers. Each
 * store stands for a node; a test's windows have keys of their own, and a clock the test moves.
 */
class RedisRateLimitStoreTest {

    private static final long NO_LIMIT = 1_000_000_000;

    /** The start of a minute, so a test's calls all fall in one minute window until it moves the clock. */
    private final MutableClock clock = new MutableClock(
            Instant.ofEpochSecond((Instant.now().getEpochSecond() / 60 + 1) * 60));
    private final String prefix = "test:" + Ids.newId(Instant.now());

    @Test
    void withLeasesOfOneEveryCallIsCountedInRedisAndACallPastTheMinuteLimitDoesNotUseUpTheDay() {
        withRedis(6379, redis -> {
            RedisRateLimitStore store = new RedisRateLimitStore(redis, 1, clock);
            assertThat(store.hit(request(2, NO_LIMIT))).isEqualTo(new RateLimitStore.Counts(1, 1));
            assertThat(store.hit(request(2, NO_LIMIT))).isEqualTo(new RateLimitStore.Counts(2, 2));
            assertThat(store.hit(request(2, NO_LIMIT))).isEqualTo(new RateLimitStore.Counts(3, 2));
            assertThat(inRedis(store)).isEqualTo(new RateLimitStore.Counts(2, 2));
        });
    }

    @Test
    void aLeaseServesItsCallsFromMemoryAndTheNextIsTakenWhenItIsSpent() {
        withRedis(6379, redis -> {
            RedisRateLimitStore store = new RedisRateLimitStore(redis, 5, clock);
            assertThat(store.hit(request(NO_LIMIT, NO_LIMIT))).isEqualTo(new RateLimitStore.Counts(1, 1));
            assertThat(inRedis(store)).isEqualTo(new RateLimitStore.Counts(5, 5));
            for (long call = 2; call <= 5; call++) {
                assertThat(store.hit(request(NO_LIMIT, NO_LIMIT))).isEqualTo(new RateLimitStore.Counts(call, call));
            }
            assertThat(inRedis(store)).isEqualTo(new RateLimitStore.Counts(5, 5));

            assertThat(store.hit(request(NO_LIMIT, NO_LIMIT))).isEqualTo(new RateLimitStore.Counts(6, 6));
            assertThat(inRedis(store)).isEqualTo(new RateLimitStore.Counts(10, 10));
        });
    }

    @Test
    void twoNodesTakingLeasesInTurnAllowExactlyTheLimitBetweenThemAndThenRefuseWithoutSpendingTheDay() {
        withRedis(6379, redis -> {
            RedisRateLimitStore a = new RedisRateLimitStore(redis, 3, clock);
            RedisRateLimitStore b = new RedisRateLimitStore(redis, 3, clock);
            int allowed = 0;
            for (int call = 0; call < 16; call++) {
                RateLimitStore.Counts counts = (call % 2 == 0 ? a : b).hit(request(10, NO_LIMIT));
                if (counts.minute() <= 10) {
                    allowed++;
                } else {
                    assertThat(counts).isEqualTo(new RateLimitStore.Counts(11, 10));
                }
            }
            assertThat(allowed).isEqualTo(10);
            assertThat(inRedis(a)).isEqualTo(new RateLimitStore.Counts(10, 10));
        });
    }

    @Test
    void aLeaseIsAtMostHalfOfWhatIsLeftSoTheDaysLimitHoldsAcrossNodesToo() {
        withRedis(6379, redis -> {
            RedisRateLimitStore a = new RedisRateLimitStore(redis, 10, clock);
            RedisRateLimitStore b = new RedisRateLimitStore(redis, 10, clock);
            a.hit(request(NO_LIMIT, 8));
            assertThat(inRedis(a)).isEqualTo(new RateLimitStore.Counts(4, 4));
            b.hit(request(NO_LIMIT, 8));
            assertThat(inRedis(a)).isEqualTo(new RateLimitStore.Counts(6, 6));

            RateLimitStore.Counts refused = null;
            int allowed = 2;
            for (int call = 0; call < 10 && refused == null; call++) {
                RateLimitStore.Counts counts = b.hit(request(NO_LIMIT, 8));
                if (counts.day() > 8) {
                    refused = counts;
                } else {
                    allowed++;
                }
            }
            // b spent its 2 and took the 2 that were left; a still holds 3 of its 4, which b may not spend
            assertThat(allowed).isEqualTo(5);
            assertThat(refused).isEqualTo(new RateLimitStore.Counts(9, 9));
            assertThat(inRedis(a)).isEqualTo(new RateLimitStore.Counts(8, 8));
        });
    }

    @Test
    void aRefusalHoldsForTheRestOfTheMinuteUnlessTheLimitsChange() {
        withRedis(6379, redis -> {
            RedisRateLimitStore store = new RedisRateLimitStore(redis, 1, clock);
            store.hit(request(1, NO_LIMIT));
            assertThat(store.hit(request(1, NO_LIMIT)).minute()).isGreaterThan(1);
            // a lower count in Redis (as after the account's other node gave calls back) is not asked for again
            redis.delete(request(1, NO_LIMIT).minuteKey());
            assertThat(store.hit(request(1, NO_LIMIT)).minute()).isGreaterThan(1);

            // a new plan's limits are: the call is asked for again, and granted
            assertThat(store.hit(request(5, NO_LIMIT))).isEqualTo(new RateLimitStore.Counts(1, 2));
        });
    }

    @Test
    void whenTheMinuteRollsOverANewLeaseIsTakenAndTheOldOnesUnspentCallsGoBackToTheDay() {
        withRedis(6379, redis -> {
            RedisRateLimitStore store = new RedisRateLimitStore(redis, 5, clock);
            RateLimitStore.Request first = request(NO_LIMIT, NO_LIMIT);
            store.hit(first);
            store.hit(first);
            store.giveBackLapsedLeases();
            assertThat(inRedis(store)).isEqualTo(new RateLimitStore.Counts(5, 5));

            clock.advance(Duration.ofMinutes(1));
            RateLimitStore.Request second = request(NO_LIMIT, NO_LIMIT);
            assertThat(second.minuteKey()).isNotEqualTo(first.minuteKey());
            store.giveBackLapsedLeases();
            assertThat(redisCounts(redis, first)).isEqualTo(new RateLimitStore.Counts(5, 2));

            assertThat(store.hit(second)).isEqualTo(new RateLimitStore.Counts(1, 3));
            assertThat(redisCounts(redis, second)).isEqualTo(new RateLimitStore.Counts(5, 7));
        });
    }

    @Test
    void aStoppingNodeGivesTheCurrentMinutesUnspentCallsBackToTheMinuteAndTheDay() {
        withRedis(6379, redis -> {
            RedisRateLimitStore store = new RedisRateLimitStore(redis, 5, clock);
            store.hit(request(NO_LIMIT, NO_LIMIT));
            store.hit(request(NO_LIMIT, NO_LIMIT));
            store.giveBackAllLeases();
            assertThat(inRedis(store)).isEqualTo(new RateLimitStore.Counts(2, 2));
        });
    }

    @Test
    void twoThreadsAtOnceOnOneNodeEachGetACountOfTheirOwnAndNoCallIsLost() throws Exception {
        withRedis(6379, redis -> {
            RedisRateLimitStore store = new RedisRateLimitStore(redis, 7, clock);
            List<Long> minutes = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int thread = 0; thread < 2; thread++) {
                    done.add(threads.submit(() -> {
                        start.await();
                        for (int call = 0; call < 500; call++) {
                            minutes.add(store.hit(request(NO_LIMIT, NO_LIMIT)).minute());
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> thread : done) {
                    thread.get();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            } finally {
                threads.shutdown();
            }
            assertThat(minutes).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
            store.giveBackAllLeases();
            assertThat(inRedis(store)).isEqualTo(new RateLimitStore.Counts(1000, 1000));
        });
    }

    @Test
    void anUnreachableRedisFailsTheCallWhichTheLimiterLetsPass() {
        withRedis(1, redis -> assertThatThrownBy(() -> new RedisRateLimitStore(redis, 5, clock).hit(request(10, 10)))
                .isInstanceOf(RuntimeException.class));
    }

    /** A call now, in the test's windows, with these limits. */
    private RateLimitStore.Request request(long perMinute, long perDay) {
        long minute = clock.instant().getEpochSecond() / 60;
        return new RateLimitStore.Request(prefix + ":m:" + minute, (minute + 1) * 60, prefix + ":d", perMinute, perDay);
    }

    private RateLimitStore.Counts inRedis(RedisRateLimitStore store) {
        RateLimitStore.Request now = request(NO_LIMIT, NO_LIMIT);
        return store.peek(now.minuteKey(), now.dayKey());
    }

    private static RateLimitStore.Counts redisCounts(StringRedisTemplate redis, RateLimitStore.Request request) {
        List<String> counts = redis.opsForValue().multiGet(List.of(request.minuteKey(), request.dayKey()));
        return new RateLimitStore.Counts(counts.get(0) == null ? 0 : Long.parseLong(counts.get(0)),
                counts.get(1) == null ? 0 : Long.parseLong(counts.get(1)));
    }

    private static void withRedis(int port, Consumer<StringRedisTemplate> test) {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
        connections.afterPropertiesSet();
        connections.start();
        try {
            StringRedisTemplate redis = new StringRedisTemplate(connections);
            redis.afterPropertiesSet();
            test.accept(redis);
        } finally {
            connections.destroy();
        }
    }
}
