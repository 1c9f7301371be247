package io.atrium.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.atrium.shared.DisplayNames;
import io.atrium.shared.EmailNotConfirmedException;
import io.atrium.shared.Ids;
import io.atrium.shared.InputCheck;
import io.atrium.shared.InvalidInputException;

/** Users and their personal accounts: the rules of R-ACC-1, 2 and 6. */
@Service
public class AccountService {

    /** A code a caller may react to: it hints at someone probing, which the log-in throttle counts. */
    static final String PASSWORD_INCORRECT = "password_incorrect";

    static final String ORGANIZATION_LIMIT = "organization_limit_reached";
    static final String ORGANIZATION_LIMIT_MESSAGE =
            "You have already created an organization. Each user can create one.";

    /** How old {@link #recentAccount} may be: the bound API keys and plans are cached for, within R-KEY-5's second. */
    static final Duration RECENT = Duration.ofMillis(900);

    private final UserRepository users;
    private final AccountRepository accounts;
    private final TwoFactorRepository twoFactor;
    private final SsoIdentityRepository ssoIdentities;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final Cache<String, Optional<AccountView>> recentAccounts = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(RECENT)
            .build();

    AccountService(UserRepository users, AccountRepository accounts, TwoFactorRepository twoFactor,
            SsoIdentityRepository ssoIdentities, PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder,
            Clock clock) {
        this.users = users;
        this.ssoIdentities = ssoIdentities;
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /** @throws EmailNotConfirmedException until the user has confirmed their address (needed for organizations and keys) */
    public void requireConfirmedEmail(String userId) {
        if (existing(userId).emailConfirmedAt() == null) {
            throw new EmailNotConfirmedException();
        }
    }

    public Optional<UserView> findUser(String userId) {
        return users.findById(userId).map(UserRow::view);
    }

    public AccountView personalAccount(String userId) {
        return accounts.findPersonal(userId)
                .orElseThrow(() -> new IllegalStateException("User " + userId + " has no personal account"));
    }

    /** Users by id, for pages that list people (members, invitations); unknown ids are left out. */
    public Map<String, UserView> users(Collection<String> userIds) {
        return users.findAll(userIds).stream().collect(Collectors.toMap(UserRow::id, UserRow::view));
    }

    /** Whether the user logs in with two factors (set up and confirmed). */
    public boolean hasTwoFactor(String userId) {
        return !twoFactor.enabledAmong(List.of(userId)).isEmpty();
    }

    /** Those of the users who log in with two factors, for pages that list people. */
    public Set<String> withTwoFactor(Collection<String> userIds) {
        return twoFactor.enabledAmong(userIds);
    }

    /** The SSO identities linked at the organization, by user id, for the Members page. */
    public Map<String, SsoIdentityView> ssoIdentities(String organizationId) {
        return ssoIdentities.ofAccount(organizationId).stream()
                .collect(Collectors.toMap(SsoIdentityView::userId, identity -> identity));
    }

    public Optional<UserView> findUserByEmail(String email) {
        return users.findByEmail(email).map(UserRow::view);
    }

    public Optional<AccountView> findAccount(String accountId) {
        return accounts.find(accountId);
    }

    /**
     * The account as the database had it at most {@link #RECENT} ago, for {@code GET /api/v1/account}, which programs
     * call as often as any (to check a key): a busy account costs about one read a second instead of one a call. A
     * change made through this node is seen from its commit on, one made on another node within a second.
     */
    public Optional<AccountView> recentAccount(String accountId) {
        return recentAccounts.get(accountId, accounts::find);
    }

    public List<AccountView> accounts(Collection<String> accountIds) {
        return accounts.findAll(accountIds);
    }

    /**
     * Creates the account row of a new organization; its creator may create only one (R-ORG-1).
     *
     * @throws InvalidInputException when the name breaks a rule or the creator already has an organization
     */
    @Transactional
    public AccountView createOrganizationAccount(String creatorUserId, String rawName) {
        String name = DisplayNames.require("name", rawName);
        if (accounts.findCreatedBy(creatorUserId).isPresent()) {
            throw new InvalidInputException("name", ORGANIZATION_LIMIT, ORGANIZATION_LIMIT_MESSAGE);
        }
        Instant now = clock.instant();
        String id = Ids.newId(now);
        try {
            accounts.insertOrganization(id, name, creatorUserId, now);
        } catch (DuplicateKeyException raceWithAnotherCreate) {
            throw new InvalidInputException("name", ORGANIZATION_LIMIT, ORGANIZATION_LIMIT_MESSAGE);
        }
        return accounts.find(id).orElseThrow();
    }

    public Optional<AccountView> organizationCreatedBy(String userId) {
        return accounts.findCreatedBy(userId);
    }

    /** Sets the account's plan ({@code free}, {@code developer} or {@code enterprise}; the caller checks the name). */
    @Transactional
    public void changePlan(String accountId, String plan) {
        accounts.changePlan(accountId, plan, clock.instant());
        forgetRecentAfterCommit(accountId);
    }

    /** Whether the organization lets only members with two-factor authentication work in it; the caller checks who asks. */
    @Transactional
    public void requireTwoFactor(String accountId, boolean required) {
        accounts.requireTwoFactor(accountId, required, clock.instant());
        forgetRecentAfterCommit(accountId);
    }

    @Transactional
    public void renameOrganization(String accountId, String rawName) {
        accounts.renameOrganization(accountId, DisplayNames.require("name", rawName), clock.instant());
        forgetRecentAfterCommit(accountId);
    }

    /** Deletes the organization with everything that references it, and unsets it as anyone's active account. */
    @Transactional
    public void deleteOrganizationAccount(String accountId) {
        accounts.deleteOrganization(accountId);
        forgetRecentAfterCommit(accountId);
    }

    /** The account the user last chose, if any (R-SW-3); the caller checks it is still theirs. */
    public Optional<String> rememberedActiveAccountId(String userId) {
        return users.activeAccountId(userId);
    }

    @Transactional
    public void rememberActiveAccount(String userId, String accountId) {
        users.updateActiveAccountId(userId, accountId);
    }

    /** Called when a membership ends: the user falls back to their personal account (R-ORG-5). */
    @Transactional
    public void forgetActiveAccount(String userId, String accountId) {
        users.clearActiveAccountId(userId, accountId);
    }

    @Transactional
    public UserView rename(String userId, String newName) {
        String name = DisplayNames.require("name", newName);
        UserRow user = existing(userId);
        users.updateName(userId, name, clock.instant());
        // a personal account is named after its user
        accounts.findPersonal(userId).ifPresent(personal -> forgetRecentAfterCommit(personal.id()));
        return new UserView(user.id(), user.email(), name, user.createdAt(), user.emailConfirmedAt() != null);
    }

    /** R-ACC-6: a new password needs the current one and follows R-ACC-2. */
    @Transactional
    public void changePassword(String userId, String currentPassword, String newPassword) {
        UserRow user = existing(userId);
        InputCheck check = new InputCheck();
        check.check(() -> requireCurrentPassword(user, currentPassword));
        String password = check.check(() -> passwordPolicy.require("newPassword", newPassword, user.email()));
        check.throwIfAny();
        users.updatePasswordHash(userId, passwordEncoder.encode(password), clock.instant());
    }

    UserRow existing(String userId) {
        return users.findById(userId).orElseThrow(() -> new IllegalStateException("No user " + userId));
    }

    /** @throws InvalidInputException on {@code currentPassword} when it is not the user's password */
    boolean requireCurrentPassword(UserRow user, String currentPassword) {
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new InvalidInputException("currentPassword", PASSWORD_INCORRECT, "The current password is incorrect.");
        }
        return true;
    }

    /** After the commit, so that a request in between cannot cache the old account again. */
    private void forgetRecentAfterCommit(String accountId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            recentAccounts.invalidate(accountId);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                recentAccounts.invalidate(accountId);
            }
        });
    }
}
