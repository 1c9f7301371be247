package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
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
 * every request, and so is the end of a rotated secret's grace period.
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
        REVOKED("The API key has been revoked."),
        ROTATED("This secret of the API key was replaced by a rotation and its grace period is over. Use the new secret.");

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

    /**
     * Either the caller the key acts as, with what it may call and from where, or why it was refused.
     *
     * @param scopes what the key may call (issue 17); empty when refused
     * @param allowedAddresses where the key may be used from; null when refused
     */
    public record Verification(ApiCaller caller, Rejection rejection, Set<ApiKeyScope> scopes,
            AddressAllowList allowedAddresses) {

        static Verification refused(Rejection rejection) {
            return new Verification(null, rejection, Set.of(), null);
        }

        public boolean accepted() {
            return caller != null;
        }
    }

    /**
     * What the cache holds for one key id.
     *
     * @param admin whether the key acts as an administrator: its creator's current role, or an organization key's own
     * @param previousSecretHash the secret a rotation replaced, accepted until {@code previousSecretValidUntil}
     * @param loadedNanos when it was read ({@link System#nanoTime}), so an unknown secret rereads it at most so often
     */
    record KnownKey(String rowId, String keyId, String secretHash, String accountId, String creatorUserId,
            boolean admin, boolean personal, boolean revoked, Instant expiresAt, String previousSecretHash,
            Instant previousSecretValidUntil, Set<ApiKeyScope> scopes, AddressAllowList allowedAddresses,
            boolean organizationKey, long loadedNanos) {
    }

    /**
     * How old a cached key must be before a secret that matches neither of its hashes has it read again: a secret
     * rotated on another node works here at once, and made-up secrets for a known key id cost at most one lookup
     * per this interval.
     */
    static final Duration REREAD_UNKNOWN_SECRET_AFTER = Duration.ofMillis(100);

    private final LoadingCache<String, Optional<KnownKey>> known;
    private final Function<String, Optional<KnownKey>> source;
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
        this.source = source;
        this.lastUsed = lastUsed;
        this.clock = clock;
    }

    public Verification verify(String presented) {
        Optional<ApiKeyFormat.ParsedKey> parsed = ApiKeyFormat.parse(presented);
        if (parsed.isEmpty()) {
            return Verification.refused(Rejection.MALFORMED);
        }
        String keyId = parsed.get().keyId();
        String hash = ApiKeyFormat.hash(parsed.get().secret());
        Optional<KnownKey> key = known.get(keyId);
        if (key.isPresent() && matchesNeither(key.get(), hash)
                && System.nanoTime() - key.get().loadedNanos() > REREAD_UNKNOWN_SECRET_AFTER.toNanos()) {
            // Perhaps rotated on another node since this one read it: the new secret must work everywhere at once.
            key = source.apply(keyId);
            known.put(keyId, key);
        }
        if (key.isEmpty() || matchesNeither(key.get(), hash)) {
            return Verification.refused(Rejection.UNKNOWN);
        }
        KnownKey found = key.get();
        Instant now = clock.instant();
        if (found.revoked()) {
            return Verification.refused(Rejection.REVOKED);
        }
        if (!now.isBefore(found.expiresAt())) {
            return Verification.refused(Rejection.EXPIRED);
        }
        if (!ApiKeyFormat.sameHash(found.secretHash(), hash)
                && (found.previousSecretValidUntil() == null || !now.isBefore(found.previousSecretValidUntil()))) {
            return Verification.refused(Rejection.ROTATED);
        }
        lastUsed.used(found.rowId());
        return new Verification(new ApiCaller(new Actor(found.accountId(), found.creatorUserId(), found.admin(),
                found.personal(), found.organizationKey()), found.rowId(), found.keyId()), null, found.scopes(),
                found.allowedAddresses());
    }

    private static boolean matchesNeither(KnownKey key, String hash) {
        return !ApiKeyFormat.sameHash(key.secretHash(), hash)
                && (key.previousSecretHash() == null || !ApiKeyFormat.sameHash(key.previousSecretHash(), hash));
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
        long loaded = System.nanoTime();
        return keys.findByKeyId(keyId).map(row -> {
            boolean personal = accounts.personalAccount(row.createdByUserId()).id().equals(row.accountId());
            Optional<Role> role;
            if (row.organizationKey()) {
                // An organization key acts with its own role and outlives its creator's membership (issue 17).
                role = Optional.of(row.roleOfKey());
            } else {
                role = personal ? Optional.of(Role.ADMIN) : organizations.roleOf(row.accountId(), row.createdByUserId());
            }
            // A creator who is no longer a member has had the key revoked (R-ORG-5); refuse it even before that commits.
            boolean revoked = row.revokedAt() != null || role.isEmpty();
            return new KnownKey(row.id(), row.keyId(), row.secretHash(), row.accountId(), row.createdByUserId(),
                    role.orElse(Role.MEMBER) == Role.ADMIN, personal, revoked, row.expiresAt(), row.previousSecretHash(),
                    row.previousSecretValidUntil(), row.scopes(), row.allowedAddresses(), row.organizationKey(), loaded);
        });
    }
}
