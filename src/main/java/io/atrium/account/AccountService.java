package io.atrium.account;

import java.time.Clock;
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

import io.atrium.shared.DisplayNames;
import io.atrium.shared.EmailAddresses;
import io.atrium.shared.Ids;
import io.atrium.shared.InputCheck;
import io.atrium.shared.InvalidInputException;

/** Users and their personal accounts: the rules of R-ACC-1, 2 and 6. */
@Service
public class AccountService {

    /** Codes a caller may react to: both hint at someone probing, which the log-in throttle counts. */
    static final String EMAIL_UNAVAILABLE = "email_unavailable";
    static final String PASSWORD_INCORRECT = "password_incorrect";

    static final String ORGANIZATION_LIMIT = "organization_limit_reached";
    static final String ORGANIZATION_LIMIT_MESSAGE =
            "You have already created an organization. Each user can create one.";

    static final String SIGN_UP_EMAIL_UNAVAILABLE =
            "An account can't be created with this email address. If you already have one, log in instead.";
    static final String PROFILE_EMAIL_UNAVAILABLE = "This email address can't be used. Choose another one.";

    private final UserRepository users;
    private final AccountRepository accounts;
    private final TwoFactorRepository twoFactor;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    AccountService(UserRepository users, AccountRepository accounts, TwoFactorRepository twoFactor,
            PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, Clock clock) {
        this.users = users;
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    /**
     * Creates the user and their personal account in one transaction (R-ACC-1).
     *
     * @throws io.atrium.shared.InvalidInputException listing every field that breaks a rule
     */
    @Transactional
    public UserView signUp(SignUpCommand command) {
        InputCheck check = new InputCheck();
        String name = check.check(() -> DisplayNames.require("name", command.name()));
        String email = check.check(() -> EmailAddresses.require("email", command.email()));
        String password = check.check(() -> passwordPolicy.require("password", command.password(), command.email()));
        check.throwIfAny();
        // Hashed before the address is looked up, so that a registered address takes as long as a new one.
        String passwordHash = passwordEncoder.encode(password);
        if (users.findByEmail(email).isPresent()) {
            throw new InvalidInputException("email", EMAIL_UNAVAILABLE, SIGN_UP_EMAIL_UNAVAILABLE);
        }
        Instant now = clock.instant();
        UserRow user = new UserRow(Ids.newId(now), email, name, passwordHash, now);
        try {
            users.insert(user);
        } catch (DuplicateKeyException raceWithAnotherSignUp) {
            throw new InvalidInputException("email", EMAIL_UNAVAILABLE, SIGN_UP_EMAIL_UNAVAILABLE);
        }
        accounts.insertPersonal(Ids.newId(now), user.id(), now);
        return user.view();
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

    public Optional<UserView> findUserByEmail(String email) {
        return users.findByEmail(email).map(UserRow::view);
    }

    public Optional<AccountView> findAccount(String accountId) {
        return accounts.find(accountId);
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
    }

    /** Whether the organization lets only members with two-factor authentication work in it; the caller checks who asks. */
    @Transactional
    public void requireTwoFactor(String accountId, boolean required) {
        accounts.requireTwoFactor(accountId, required, clock.instant());
    }

    @Transactional
    public void renameOrganization(String accountId, String rawName) {
        accounts.renameOrganization(accountId, DisplayNames.require("name", rawName), clock.instant());
    }

    /** Deletes the organization with everything that references it, and unsets it as anyone's active account. */
    @Transactional
    public void deleteOrganizationAccount(String accountId) {
        accounts.deleteOrganization(accountId);
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
        return new UserView(user.id(), user.email(), name, user.createdAt());
    }

    /** R-ACC-6: a new email needs the current password. */
    @Transactional
    public UserView changeEmail(String userId, String currentPassword, String newEmail) {
        UserRow user = existing(userId);
        InputCheck check = new InputCheck();
        String email = check.check(() -> EmailAddresses.require("email", newEmail));
        check.check(() -> requireCurrentPassword(user, currentPassword));
        check.throwIfAny();
        Optional<UserRow> holder = users.findByEmail(email);
        if (holder.isPresent() && !holder.get().id().equals(userId)) {
            throw new InvalidInputException("email", EMAIL_UNAVAILABLE, PROFILE_EMAIL_UNAVAILABLE);
        }
        try {
            users.updateEmail(userId, email, clock.instant());
        } catch (DuplicateKeyException raceWithAnotherChange) {
            throw new InvalidInputException("email", EMAIL_UNAVAILABLE, PROFILE_EMAIL_UNAVAILABLE);
        }
        return new UserView(user.id(), email, user.name(), user.createdAt());
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

    private UserRow existing(String userId) {
        return users.findById(userId).orElseThrow(() -> new IllegalStateException("No user " + userId));
    }

    private boolean requireCurrentPassword(UserRow user, String currentPassword) {
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new InvalidInputException("currentPassword", PASSWORD_INCORRECT, "The current password is incorrect.");
        }
        return true;
    }
}
