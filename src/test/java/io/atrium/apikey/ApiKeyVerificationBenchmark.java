package io.atrium.apikey;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Key verification on the request path (docs/benchmarks.md). {@code parse} is the baseline: format and
 * checksum only. {@code cacheHit} is what nearly every API request pays. {@code cacheMiss} forgets the key
 * first, so it also pays the cache load and the secret's hash; its source is in memory, so the database
 * round trip of a real miss (about twice a second per busy key) is not part of this figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ApiKeyVerificationBenchmark {

    private String presented;
    private String keyId;
    private ApiKeyVerifier verifier;

    @Setup
    public void createKey() {
        ApiKeyFormat.NewKey key = ApiKeyFormat.generate();
        presented = key.value();
        keyId = key.keyId();
        ApiKeyVerifier.KnownKey known = new ApiKeyVerifier.KnownKey("0123456789abcdef01234567", key.keyId(),
                key.secretHash(), "abcdef0123456789abcdef01", "fedcba9876543210fedcba98", true, false, false,
                Clock.systemUTC().instant().plusSeconds(3600), null, null, EnumSet.allOf(ApiKeyScope.class),
                AddressAllowList.ANYWHERE, false, System.nanoTime());
        verifier = new ApiKeyVerifier(id -> id.equals(known.keyId()) ? Optional.of(known) : Optional.empty(),
                new LastUsedRecorder(null, Clock.systemUTC()), Clock.systemUTC());
        if (!verifier.verify(presented).accepted()) {
            throw new IllegalStateException("The benchmark key must verify");
        }
    }

    @Benchmark
    public Object parse() {
        return ApiKeyFormat.parse(presented);
    }

    @Benchmark
    public Object cacheHit() {
        return verifier.verify(presented);
    }

    @Benchmark
    public Object cacheMiss() {
        verifier.forget(keyId);
        return verifier.verify(presented);
    }
}
