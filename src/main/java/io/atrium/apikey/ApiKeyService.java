package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.atrium.account.AccountService;
import io.atrium.account.UserView;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.organization.MemberKeys;
import io.atrium.organization.MemberRoleChanged;
import io.atrium.organization.MembershipEnded;
import io.atrium.organization.Role;
import io.atrium.shared.Actor;
import io.atrium.shared.ConflictException;
import io.atrium.shared.DisplayNames;
import io.atrium.shared.ForbiddenException;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;

/**
 * API keys of an account (R-KEY-1…3, R-ORG-5, issue 17). Whoever can work in the account creates keys for it; in an
 * organization, members see, rotate and revoke the keys they created, admins see, rotate and revoke all, and create
 * the organization's own keys, which outlive their creator's membership.
 */
@Service
public class ApiKeyService implements MemberKeys {

    static final Duration MAX_VALIDITY = Duration.ofDays(5 * 366);
    /** The longest a rotated secret keeps working: a week. */
    static final int MAX_GRACE_HOURS = 168;

    private final ApiKeyRepository keys;
    private final AccountService accounts;
    private final AuditLog audit;
    private final ApiKeyVerifier verifier;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, AccountService accounts, AuditLog audit,
            ApiKeyVerifier verifier, ApplicationEventPublisher events, Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.audit = audit;
        this.verifier = verifier;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A key of the actor's account, made by the actor: their own, or (for an organization's administrators) one the
     * organization owns, acting with a role chosen here (issue 17).
     *
     * @param grantable the scopes the new key may have: those of the key that asks, or all for a person
     * @throws InvalidInputException for a missing name, an expiry in the past or more than five years ahead, an unknown
     *     scope or one beyond {@code grantable}, an address that is no CIDR block, or an organization key outside an
     *     organization
     * @throws io.atrium.shared.ForbiddenException for an organization key asked by a member, or by an organization key
     * @throws io.atrium.shared.EmailNotConfirmedException until the actor has confirmed their address
     */
    @Transactional
    public CreatedApiKey create(Actor actor, NewApiKey request, Set<ApiKeyScope> grantable) {
        String accountId = actor.accountId();
        String userId = actor.userId();
        if (actor.organizationKey()) {
            throw new ForbiddenException("An organization key can't create API keys. An administrator creates them on "
                    + "Settings > API Keys.");
        }
        accounts.requireConfirmedEmail(userId);
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        String name = check(problems, () -> DisplayNames.require("name", request.name()));
        Instant now = clock.instant();
        Instant expiresAt = request.expiresAt();
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            problems.add(new InvalidInputException.Problem("expires_at", "parameter_invalid",
                    "Choose an expiration date in the future."));
        } else if (expiresAt.isAfter(now.plus(MAX_VALIDITY))) {
            problems.add(new InvalidInputException.Problem("expires_at", "parameter_invalid",
                    "Choose an expiration date at most five years ahead."));
        }
        Set<ApiKeyScope> scopes = check(problems, () -> scopes(request.scopes(), grantable));
        AddressAllowList addresses = check(problems, () -> AddressAllowList.parse(request.allowedAddresses()));
        Role roleOfKey = null;
        if (request.organizationRole() != null) {
            if (actor.personal()) {
                problems.add(new InvalidInputException.Problem("organization_role", "parameter_invalid",
                        "Organization keys exist only in organizations. Switch to one to create one."));
            } else {
                actor.requireAdmin();
                roleOfKey = check(problems, () -> Role.parse("organization_role", request.organizationRole()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        ApiKeyFormat.NewKey key = ApiKeyFormat.generate();
        ApiKeyRow row = new ApiKeyRow(Ids.newId(now), accountId, key.keyId(), key.secretHash(), name, userId, now,
                expiresAt, null, null, scopes, roleOfKey, addresses, null, null, null);
        keys.insert(row);
        audit.record(accountId, userId, AuditAction.API_KEY_CREATED, label(row),
                "expires_at=" + expiresAt.truncatedTo(ChronoUnit.SECONDS) + " scopes=" + ApiKeyScope.format(scopes).replace(' ', ',')
                        + (roleOfKey == null ? "" : " owner=organization role=" + roleOfKey.value())
                        + (addresses.anywhere() ? "" : " allowed_addresses=" + summary(addresses.texts())));
        return new CreatedApiKey(view(row, accounts.users(List.of(userId))), key.value());
    }

    /** The scopes a person may give a key they create: all of them, since every role may call every category. */
    public static Set<ApiKeyScope> grantableByPerson() {
        return EnumSet.allOf(ApiKeyScope.class);
    }

    /** What a key may give the keys it creates: no more than it holds itself. */
    Set<ApiKeyScope> grantableByKey(String accountId, String keyRowId) {
        return keys.find(accountId, keyRowId).map(ApiKeyRow::scopes).orElse(Set.of());
    }

    private static Set<ApiKeyScope> scopes(List<String> chosen, Set<ApiKeyScope> grantable) {
        Set<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        scopes.addAll(chosen == null || chosen.isEmpty() ? grantable : ApiKeyScope.parseChosen(chosen));
        List<String> beyond = scopes.stream().filter(scope -> !grantable.contains(scope)).map(ApiKeyScope::value).toList();
        if (!beyond.isEmpty()) {
            throw new InvalidInputException("scopes", "api_key_scope_not_grantable", "A key can't be given "
                    + String.join(", ", beyond) + ": the key that creates it lacks " + (beyond.size() == 1 ? "it." : "them."));
        }
        if (scopes.isEmpty()) {
            throw new InvalidInputException("scopes", "parameter_invalid", "Choose at least one scope.");
        }
        return scopes;
    }

    /** Runs a check, collecting its problem instead of throwing, so a form shows every problem at once. */
    private static <T> T check(List<InvalidInputException.Problem> problems, Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    /**
     * R-KEY-1 and issue 17: admins (and a personal account's owner) see every key, the organization's own among them;
     * members see the keys they created for themselves.
     */
    public List<ApiKeyView> list(Actor actor) {
        if (actor.organizationKey() && !actor.admin()) {
            return List.of(); // a regular user's organization key created no keys, and sees none of its creator's
        }
        List<ApiKeyRow> rows = actor.admin() ? keys.ofAccount(actor.accountId())
                : keys.ofCreator(actor.accountId(), actor.userId());
        Map<String, UserView> creators = accounts.users(rows.stream().map(ApiKeyRow::createdByUserId).distinct().toList());
        return rows.stream().map(row -> view(row, creators)).toList();
    }

    /**
     * Revokes a key the user may manage; the key stops working on every node within a second (R-KEY-5).
     *
     * @throws NotFoundException for a key of another account, or another member's key (or an organization key) seen
     *     by a member
     */
    @Transactional
    public ApiKeyView revoke(Actor actor, String keyRowId) {
        String accountId = actor.accountId();
        String userId = actor.userId();
        ApiKeyRow row = manageable(actor, keyRowId);
        if (keys.revoke(accountId, keyRowId, actor.organizationKey() ? null : userId, clock.instant())) {
            events.publishEvent(new ApiKeyRevoked(row.accountId(), row.id(), row.keyId(), row.name()));
            audit.record(accountId, userId, AuditAction.API_KEY_REVOKED, label(row),
                    actor.organizationKey() ? "by=organization_key" : null);
        }
        return keys.find(accountId, keyRowId).map(key -> view(key, accounts.users(List.of(key.createdByUserId())))).orElseThrow();
    }

    /**
     * Gives a key a new secret (issue 17): its id, name, scopes, addresses and expiry stay; the secret it replaces
     * keeps working for {@code graceHours} (0 to {@value #MAX_GRACE_HOURS}), then answers 401 with reason
     * {@code rotated}. Who may revoke a key may rotate it.
     *
     * @throws NotFoundException as for {@link #revoke}
     * @throws InvalidInputException for a grace period out of range
     * @throws ConflictException for a key that is revoked or expired
     */
    @Transactional
    public CreatedApiKey rotate(Actor actor, String keyRowId, Integer graceHours) {
        String accountId = actor.accountId();
        ApiKeyRow row = manageable(actor, keyRowId);
        if (graceHours == null || graceHours < 0 || graceHours > MAX_GRACE_HOURS) {
            throw new InvalidInputException("grace_period_hours", "parameter_invalid",
                    "Choose a grace period from 0 to " + MAX_GRACE_HOURS + " hours.");
        }
        // Whole milliseconds, which every database keeps as they are: rounded up, "no grace" would leave a moment of it.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant oldValidUntil = now.plus(Duration.ofHours(graceHours));
        ApiKeyFormat.NewKey key = ApiKeyFormat.withNewSecret(row.keyId());
        if (!keys.rotate(accountId, keyRowId, key.secretHash(), oldValidUntil, now)) {
            throw new ConflictException("api_key_not_active", "Only an active key can be rotated. This one is "
                    + row.status(now) + ".");
        }
        events.publishEvent(new ApiKeyRotated(row.keyId()));
        audit.record(accountId, actor.userId(), AuditAction.API_KEY_ROTATED, label(row),
                "grace_period_hours=" + graceHours + " old_secret_valid_until=" + oldValidUntil.truncatedTo(ChronoUnit.SECONDS)
                        + (actor.organizationKey() ? " by=organization_key" : ""));
        ApiKeyRow rotated = keys.find(accountId, keyRowId).orElseThrow();
        return new CreatedApiKey(view(rotated, accounts.users(List.of(rotated.createdByUserId()))), key.value());
    }

    /** A key the actor may revoke or rotate: any of the account's for an admin, their own for a member. */
    private ApiKeyRow manageable(Actor actor, String keyRowId) {
        return keys.find(actor.accountId(), keyRowId)
                .filter(key -> actor.admin() || (!key.organizationKey() && !actor.organizationKey()
                        && key.createdByUserId().equals(actor.userId())))
                .orElseThrow(() -> new NotFoundException("API key"));
    }

    /** R-ORG-5: runs inside the transaction that ends the membership. */
    @EventListener
    public void revokeKeysOfFormerMember(MembershipEnded ended) {
        Instant now = clock.instant();
        // Their own keys only: the organization keys they created belong to the organization and stay (issue 17).
        for (ApiKeyRow row : keys.ofCreator(ended.accountId(), ended.userId())) {
            if (row.revokedAt() == null && keys.revoke(ended.accountId(), row.id(), null, now)) {
                events.publishEvent(new ApiKeyRevoked(row.accountId(), row.id(), row.keyId(), row.name()));
                audit.record(ended.accountId(), null, AuditAction.API_KEY_REVOKED, label(row), "reason=membership_ended");
            }
        }
    }

    /**
     * A key acts with its creator's current role: once a role change commits, this node forgets the creator's keys
     * and reads their role again at the next call (other nodes within {@link ApiKeyVerifier#MAX_STALENESS}).
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void forgetKeysOfMemberWithNewRole(MemberRoleChanged changed) {
        keys.ofCreator(changed.accountId(), changed.userId()).forEach(row -> verifier.forget(row.keyId()));
    }

    @Override
    public List<String> activeKeyNames(String accountId, String userId) {
        Instant now = clock.instant();
        return keys.ofCreator(accountId, userId).stream()
                .filter(row -> row.status(now).equals("active"))
                .map(ApiKeyService::label)
                .toList();
    }

    /**
     * This node refuses the key from its next request on; other nodes within {@link ApiKeyVerifier#MAX_STALENESS}.
     * After the commit, so a concurrent request cannot reload the key as it was before the revocation.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void forgetRevokedKey(ApiKeyRevoked revoked) {
        verifier.forget(revoked.keyId());
    }

    /**
     * After a rotation commits this node reads the key again at its next request; another node does so when a secret
     * it does not know is presented ({@link ApiKeyVerifier#REREAD_UNKNOWN_SECRET_AFTER}), or within
     * {@link ApiKeyVerifier#MAX_STALENESS}.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void forgetRotatedKey(ApiKeyRotated rotated) {
        verifier.forget(rotated.keyId());
    }

    /** The audit log's details have room for a few blocks, not fifty. */
    private static String summary(List<String> blocks) {
        return blocks.size() <= 8 ? String.join(",", blocks)
                : String.join(",", blocks.subList(0, 8)) + ",+" + (blocks.size() - 8) + "_more";
    }

    static String label(ApiKeyRow row) {
        return row.name() + " (" + ApiKeyFormat.displayPrefix(row.keyId()) + ")";
    }

    private ApiKeyView view(ApiKeyRow row, Map<String, UserView> users) {
        UserView creator = users.get(row.createdByUserId());
        Instant now = clock.instant();
        String status = row.status(now);
        return new ApiKeyView(row.id(), row.name(), ApiKeyFormat.displayPrefix(row.keyId()), row.createdByUserId(),
                creator == null ? "A former member" : creator.name(), creator == null ? null : creator.email(),
                row.createdAt(), row.expiresAt(), row.lastUsedAt(), row.revokedAt(), status, row.owner(),
                row.roleOfKey() == null ? null : row.roleOfKey().value(),
                row.scopes().stream().sorted().map(ApiKeyScope::value).toList(), row.allowedAddresses().texts(),
                row.rotatedAt(), row.oldSecretValidUntil(now), status.equals("active") ? daysLeftWithin(now, row.expiresAt(), 7) : null);
    }

    /** The days left before {@code expiresAt}, counted up (a key expiring in 30 hours has 2), when at most {@code days}. */
    static Integer daysLeftWithin(Instant now, Instant expiresAt, int days) {
        long seconds = Duration.between(now, expiresAt).getSeconds();
        long left = Math.max(1, (seconds + 86_399) / 86_400);
        return left <= days ? (int) left : null;
    }
}
