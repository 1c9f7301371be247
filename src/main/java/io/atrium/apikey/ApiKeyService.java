package io.atrium.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

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
import io.atrium.shared.Actor;
import io.atrium.shared.DisplayNames;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;

/**
 * API keys of an account (R-KEY-1…3, R-ORG-5). Whoever can work in the account creates keys for it; in an
 * organization, members see and revoke the keys they created, admins see and revoke all.
 */
@Service
public class ApiKeyService implements MemberKeys {

    static final Duration MAX_VALIDITY = Duration.ofDays(5 * 366);

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
     * A key of the actor's account, made by the actor.
     *
     * @throws InvalidInputException for a missing name or an expiry in the past or more than five years ahead
     * @throws io.atrium.shared.EmailNotConfirmedException until the actor has confirmed their address
     */
    @Transactional
    public CreatedApiKey create(Actor actor, String rawName, Instant expiresAt) {
        String accountId = actor.accountId();
        String userId = actor.userId();
        accounts.requireConfirmedEmail(userId);
        String name = DisplayNames.require("name", rawName);
        Instant now = clock.instant();
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            throw new InvalidInputException("expires_at", "parameter_invalid", "Choose an expiration date in the future.");
        }
        if (expiresAt.isAfter(now.plus(MAX_VALIDITY))) {
            throw new InvalidInputException("expires_at", "parameter_invalid",
                    "Choose an expiration date at most five years ahead.");
        }
        ApiKeyFormat.NewKey key = ApiKeyFormat.generate();
        ApiKeyRow row = new ApiKeyRow(Ids.newId(now), accountId, key.keyId(), key.secretHash(), name, userId, now,
                expiresAt, null, null);
        keys.insert(row);
        audit.record(accountId, userId, AuditAction.API_KEY_CREATED, name + " (" + ApiKeyFormat.displayPrefix(key.keyId()) + ")",
                "expires_at=" + expiresAt.truncatedTo(ChronoUnit.SECONDS));
        return new CreatedApiKey(view(row, accounts.users(List.of(userId))), key.value());
    }

    /** R-KEY-1: admins (and a personal account's owner) see every key; members see their own. */
    public List<ApiKeyView> list(Actor actor) {
        List<ApiKeyRow> rows = actor.admin() ? keys.ofAccount(actor.accountId())
                : keys.ofCreator(actor.accountId(), actor.userId());
        Map<String, UserView> creators = accounts.users(rows.stream().map(ApiKeyRow::createdByUserId).distinct().toList());
        return rows.stream().map(row -> view(row, creators)).toList();
    }

    /**
     * Revokes a key the user may manage; the key stops working on every node within a second (R-KEY-5).
     *
     * @throws NotFoundException for a key of another account, or another member's key seen by a member
     */
    @Transactional
    public ApiKeyView revoke(Actor actor, String keyRowId) {
        String accountId = actor.accountId();
        String userId = actor.userId();
        ApiKeyRow row = keys.find(accountId, keyRowId)
                .filter(key -> actor.admin() || key.createdByUserId().equals(userId))
                .orElseThrow(() -> new NotFoundException("API key"));
        if (keys.revoke(accountId, keyRowId, userId, clock.instant())) {
            events.publishEvent(new ApiKeyRevoked(row.accountId(), row.id(), row.keyId(), row.name()));
            audit.record(accountId, userId, AuditAction.API_KEY_REVOKED, row.name() + " (" + ApiKeyFormat.displayPrefix(row.keyId()) + ")", null);
        }
        return keys.find(accountId, keyRowId).map(key -> view(key, accounts.users(List.of(key.createdByUserId())))).orElseThrow();
    }

    /** R-ORG-5: runs inside the transaction that ends the membership. */
    @EventListener
    public void revokeKeysOfFormerMember(MembershipEnded ended) {
        Instant now = clock.instant();
        for (ApiKeyRow row : keys.ofCreator(ended.accountId(), ended.userId())) {
            if (row.revokedAt() == null && keys.revoke(ended.accountId(), row.id(), null, now)) {
                events.publishEvent(new ApiKeyRevoked(row.accountId(), row.id(), row.keyId(), row.name()));
                audit.record(ended.accountId(), null, AuditAction.API_KEY_REVOKED,
                        row.name() + " (" + ApiKeyFormat.displayPrefix(row.keyId()) + ")", "reason=membership_ended");
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
                .map(row -> row.name() + " (" + ApiKeyFormat.displayPrefix(row.keyId()) + ")")
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

    private ApiKeyView view(ApiKeyRow row, Map<String, UserView> users) {
        UserView creator = users.get(row.createdByUserId());
        return new ApiKeyView(row.id(), row.name(), ApiKeyFormat.displayPrefix(row.keyId()), row.createdByUserId(),
                creator == null ? "A former member" : creator.name(), creator == null ? null : creator.email(),
                row.createdAt(), row.expiresAt(), row.lastUsedAt(), row.revokedAt(), row.status(clock.instant()));
    }
}
