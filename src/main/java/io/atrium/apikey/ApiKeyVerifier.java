package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import io.atrium.account.AccountService;
import io.atrium.api.ApiCaller;
import io.atrium.organization.OrganizationService;
import io.atrium.organization.Role;
import io.atrium.shared.Actor;

/**
 * Checks a presented key (R-KEY-3…5). What the database says about a key (its hash, account, revocation,
 * expiry and its creator's current role) is cached per key id for at most {@link #MAX_STALENESS}, so a busy
 * key costs about two lookups a second instead of one per request, and a revocation, removal or role change
 * made on any node is seen by every node within a second. Expiry itself is checked against the clock on
 * every request.
 */
@Component
public class ApiKeyVerifier {

    static final Duration MAX_STALENESS = Duration.ofMillis(900);
    static final Duration REFRESH_AFTER = Duration.ofMillis(400);

    /** Why a key was refused: the {@code reason} of the 401 answer. */
    public enum Rejection {
        MALFORMED("The API key is malformed. Check that it was copied whole."),
        UNKNOWN("The API key is not valid. Check it on Settings > API Keys."),
        EXPIRED("The API key has expired. Create a new one on Settings > API Keys."),
        REVOKED("The API key has been revoked.");

        private final String message;

        Rejection(String message) {
            this.message = message;
        }

        public String reason() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public String message() {
            return message;
        }
    }

    /** Either the caller the key acts as, or why it was refused. */
    public record Verification(ApiCaller caller, Rejection rejection) {

        public boolean accepted() {
            return caller != null;
        }
    }

    /** What the cache holds for one key id. */
    record KnownKey(String rowId, String keyId, String secretHash, String accountId, String creatorUserId,
            boolean creatorIsAdmin, boolean personal, boolean revoked, Instant expiresAt) {
    }

    private final LoadingCache<String, Optional<KnownKey>> known;
    private final LastUsedRecorder lastUsed;
    private final Clock clock;

    @Autowired
    ApiKeyVerifier(ApiKeyRepository keys, AccountService accounts, OrganizationService organizations,
            LastUsedRecorder lastUsed, Clock clock) {
        this(keyId -> load(keys, accounts, organizations, keyId), lastUsed, clock);
    }

    /** With any source of key facts: the benchmark uses an in-memory one. */
    ApiKeyVerifier(Function<String, Optional<KnownKey>> source, LastUsedRecorder lastUsed, Clock clock) {
        this.known = Caffeine.newBuilder()
                .maximumSize(100_000)
                .refreshAfterWrite(REFRESH_AFTER)
                .expireAfterWrite(MAX_STALENESS)
                .build(source::apply);
        this.lastUsed = lastUsed;
        this.clock = clock;
    }

    public Verification verify(String presented) {
        Optional<ApiKeyFormat.ParsedKey> parsed = ApiKeyFormat.parse(presented);
        if (parsed.isEmpty()) {
            return new Verification(null, Rejection.MALFORMED);
        }
        Optional<KnownKey> key = known.get(parsed.get().keyId());
        if (key.isEmpty() || !ApiKeyFormat.sameHash(key.get().secretHash(), ApiKeyFormat.hash(parsed.get().secret()))) {
            return new Verification(null, Rejection.UNKNOWN);
        }
        KnownKey found = key.get();
        if (found.revoked()) {
            return new Verification(null, Rejection.REVOKED);
        }
        if (!clock.instant().isBefore(found.expiresAt())) {
            return new Verification(null, Rejection.EXPIRED);
        }
        lastUsed.used(found.rowId());
        return new Verification(new ApiCaller(new Actor(found.accountId(), found.creatorUserId(), found.creatorIsAdmin(),
                found.personal()), found.rowId(), found.keyId()), null);
    }

    /**
     * Whether this node holds the facts of the presented key's id (an existing key, checked in the last second),
     * so verifying it costs no database lookup. Asks the cache without starting a refresh.
     */
    public boolean isKnownWithoutLookup(String presented) {
        Optional<ApiKeyFormat.ParsedKey> parsed = ApiKeyFormat.parse(presented);
        if (parsed.isEmpty()) {
            return false;
        }
        Optional<KnownKey> cached = known.policy().getIfPresentQuietly(parsed.get().keyId());
        return cached != null && cached.isPresent();
    }

    /** Drops what this node knows about a key, so its next request here is checked against the database. */
    void forget(String keyId) {
        known.invalidate(keyId);
    }

    private static Optional<KnownKey> load(ApiKeyRepository keys, AccountService accounts,
            OrganizationService organizations, String keyId) {
        return keys.findByKeyId(keyId).map(row -> {
            boolean personal = accounts.personalAccount(row.createdByUserId()).id().equals(row.accountId());
            Optional<Role> role = personal ? Optional.of(Role.ADMIN) : organizations.roleOf(row.accountId(), row.createdByUserId());
            // A creator who is no longer a member has had the key revoked (R-ORG-5); refuse it even before that commits.
            boolean revoked = row.revokedAt() != null || role.isEmpty();
            return new KnownKey(row.id(), row.keyId(), row.secretHash(), row.accountId(), row.createdByUserId(),
                    role.orElse(Role.MEMBER) == Role.ADMIN, personal, revoked, row.expiresAt());
        });
    }
}
