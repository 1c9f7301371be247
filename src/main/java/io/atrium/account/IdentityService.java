package io.atrium.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.mail.MailOutbox;
import io.atrium.mail.OutgoingMail;
import io.atrium.shared.DisplayNames;
import io.atrium.shared.EmailAddresses;
import io.atrium.shared.Ids;
import io.atrium.shared.InputCheck;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.SecretTokens;

/**
 * Proving who someone is: sign-up with a confirmed address, confirmation links, password reset by email and changes of
 * address that take effect once the new address is confirmed. Every link is single-use, random and stored hashed; the
 * answers never tell whether an address is registered; the mails are limited per address and per client
 * ({@link IdentityMailProperties}).
 */
@Service
public class IdentityService {

    private static final Duration HOUR = Duration.ofHours(1);

    static final String EMAIL_UNAVAILABLE = "email_unavailable";
    static final String PROFILE_EMAIL_UNAVAILABLE = "This email address can't be used. Choose another one.";

    /** What asking for another confirmation link did. */
    public enum Resend { SENT, TOO_MANY, ALREADY_CONFIRMED }

    /** What a sign-up did; the page answers the same either way, the log-in throttle counts probes. */
    public enum SignUpOutcome { CREATED, ALREADY_REGISTERED }

    /** How a single sign-on found its user: by the identity linked before, by the address (now linked), or new. */
    public enum SsoOutcome { KNOWN, LINKED, CREATED }

    /** The user a single sign-on logs in, and how they were found. */
    public record SsoUser(UserView user, SsoOutcome outcome) {
    }

    private final AccountService accountService;
    private final SsoIdentityRepository ssoIdentities;
    private final UserRepository users;
    private final AccountRepository accounts;
    private final UserTokenRepository tokens;
    private final IdentityMailSends sends;
    private final IdentityMails mails;
    private final MailOutbox outbox;
    private final UserSessions sessions;
    private final AuditLog audit;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transactions;
    private final IdentityMailProperties limits;
    private final Clock clock;

    IdentityService(AccountService accountService, SsoIdentityRepository ssoIdentities, UserRepository users, AccountRepository accounts, UserTokenRepository tokens, IdentityMailSends sends,
            IdentityMails mails, MailOutbox outbox, UserSessions sessions, AuditLog audit, PasswordPolicy passwordPolicy,
            PasswordEncoder passwordEncoder, TransactionTemplate transactions, IdentityMailProperties limits, Clock clock) {
        this.limits = limits;
        this.accountService = accountService;
        this.ssoIdentities = ssoIdentities;
        this.users = users;
        this.accounts = accounts;
        this.tokens = tokens;
        this.sends = sends;
        this.mails = mails;
        this.outbox = outbox;
        this.sessions = sessions;
        this.audit = audit;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Creates the user and their personal account (R-ACC-1) and mails a confirmation link; for a registered address,
     * creates nothing and mails its owner that someone tried. The caller answers the same page either way (R-ACC-3).
     *
     * @param client the client's address, whose identity mails are limited
     * @throws InvalidInputException listing every field that breaks a rule
     */
    @Transactional
    public SignUpOutcome signUp(SignUpCommand command, String client) {
        CheckedSignUp checked = check(command);
        Optional<UserRow> registered = users.findByEmail(checked.email());
        Instant now = clock.instant();
        if (registered.isPresent()) {
            sendLimited(registered.get().email(), client, IdentityMailKind.SIGN_UP_ATTEMPT,
                    () -> mails.signUpAttempt(registered.get().email()), now);
            return SignUpOutcome.ALREADY_REGISTERED;
        }
        UserRow user = insert(checked, null, now);
        sendConfirmation(user, client, now);
        return SignUpOutcome.CREATED;
    }

    /**
     * Creates a user whose address is already proven (they hold an invitation sent to it), with their personal account.
     *
     * @throws InvalidInputException for a field that breaks a rule, or {@code email_unavailable} for a registered address
     */
    @Transactional
    public UserView signUpWithProvenEmail(SignUpCommand command) {
        CheckedSignUp checked = check(command);
        if (users.findByEmail(checked.email()).isPresent()) {
            throw new InvalidInputException("email", EMAIL_UNAVAILABLE,
                    "An account can't be created with this email address. If you already have one, log in instead.");
        }
        Instant now = clock.instant();
        UserRow user = insert(checked, now, now);
        audit.record(personalAccountId(user.id()), user.id(), AuditAction.EMAIL_CONFIRMED, user.email(), "by=invitation");
        return user.view();
    }

    /** Marks the user's address confirmed when it is {@code provenEmail} (an invitation to it was accepted). */
    @Transactional
    public void confirmByInvitation(String userId, String provenEmail) {
        UserRow user = existing(userId);
        if (user.emailConfirmedAt() == null && users.confirmEmail(userId, provenEmail, clock.instant())) {
            audit.record(personalAccountId(userId), userId, AuditAction.EMAIL_CONFIRMED, user.email(), "by=invitation");
        }
    }

    /**
     * The user an organization's provider vouched for: the one linked to this identity (issuer and subject) at an earlier
     * log-in; else the user with the address, now linked and confirmed (the provider verified the address); else a new
     * user with a confirmed address, a personal account and no password they know (they may set one through "Forgot
     * password?"). The caller has checked that the address is verified and in a domain the organization owns.
     *
     * @throws InvalidInputException {@code sso_identity_conflict} when the user with the address is linked to another
     *     identity at this organization
     */
    @Transactional
    public SsoUser signInThroughSso(String organizationId, String issuer, String subject, String rawEmail, String rawName) {
        String email = EmailAddresses.require("email", rawEmail);
        Instant now = clock.instant();
        Optional<SsoIdentityView> linked = ssoIdentities.findBySubject(organizationId, issuer, subject);
        if (linked.isPresent()) {
            ssoIdentities.updateEmail(organizationId, linked.get().userId(), email);
            return new SsoUser(existing(linked.get().userId()).view(), SsoOutcome.KNOWN);
        }
        Optional<UserRow> holder = users.findByEmail(email);
        if (holder.isPresent()) {
            UserRow user = holder.get();
            if (ssoIdentities.findByUser(organizationId, user.id()).isPresent()) {
                throw new InvalidInputException("email", "sso_identity_conflict",
                        "This address belongs to someone linked to another identity at this organization's provider.");
            }
            ssoIdentities.insert(new SsoIdentityView(organizationId, user.id(), issuer, subject, email, now));
            if (user.emailConfirmedAt() == null && users.confirmEmail(user.id(), email, now)) {
                audit.record(personalAccountId(user.id()), user.id(), AuditAction.EMAIL_CONFIRMED, user.email(), "by=sso");
            }
            return new SsoUser(existing(user.id()).view(), SsoOutcome.LINKED);
        }
        // A password nobody knows: the column stays required, and password log-in fails for this user as for a
        // wrong password until they choose one through a reset link.
        CheckedSignUp checked = new CheckedSignUp(nameFor(rawName, email), email,
                passwordEncoder.encode(SecretTokens.newToken()));
        UserRow user = insert(checked, now, now);
        ssoIdentities.insert(new SsoIdentityView(organizationId, user.id(), issuer, subject, email, now));
        audit.record(personalAccountId(user.id()), user.id(), AuditAction.EMAIL_CONFIRMED, user.email(), "by=sso");
        return new SsoUser(user.view(), SsoOutcome.CREATED);
    }

    /** The provider's name for the person when it is an acceptable display name, else the address's local part. */
    private static String nameFor(String rawName, String email) {
        try {
            return DisplayNames.require("name", rawName);
        } catch (InvalidInputException unusable) {
            String local = email.substring(0, email.indexOf('@'));
            return local.length() > DisplayNames.MAX_LENGTH ? local.substring(0, DisplayNames.MAX_LENGTH) : local;
        }
    }

    @Transactional
    public Resend resendConfirmation(String userId, String client) {
        UserRow user = existing(userId);
        if (user.emailConfirmedAt() != null) {
            return Resend.ALREADY_CONFIRMED;
        }
        return sendConfirmation(user, client, clock.instant()) ? Resend.SENT : Resend.TOO_MANY;
    }

    /**
     * Follows a confirmation link.
     *
     * @throws LinkUnusableException for an unknown, expired or used link, or one sent to an address the user no longer has
     */
    @Transactional
    public UserView confirmEmail(String token) {
        String hash = SecretTokens.hash(token);
        Instant now = clock.instant();
        UserTokenRepository.UserToken link = tokens.findUsable(hash, TokenPurpose.CONFIRM_EMAIL, now)
                .orElseThrow(LinkUnusableException::new);
        UserRow user = existing(link.userId());
        boolean wasConfirmed = user.emailConfirmedAt() != null;
        if (!tokens.use(hash, TokenPurpose.CONFIRM_EMAIL, now) || !users.confirmEmail(user.id(), link.email(), now)) {
            throw new LinkUnusableException();
        }
        tokens.useAll(user.id(), TokenPurpose.CONFIRM_EMAIL, now);
        if (!wasConfirmed) {
            audit.record(personalAccountId(user.id()), user.id(), AuditAction.EMAIL_CONFIRMED, user.email(), "by=link");
        }
        return existing(user.id()).view();
    }

    /**
     * Mails a reset link when the address is registered, and does nothing visible otherwise: the caller answers the same.
     * Limited per address and per client, counted for unknown addresses too.
     *
     * @throws InvalidInputException when the input is not an email address at all
     */
    @Transactional
    public void requestPasswordReset(String rawEmail, String client) {
        String email = EmailAddresses.require("email", rawEmail);
        Instant now = clock.instant();
        Optional<UserRow> user = users.findByEmail(email);
        sendLimited(email, client, IdentityMailKind.RESET_PASSWORD, () -> user.map(found -> {
            String token = newToken(found.id(), TokenPurpose.RESET_PASSWORD, found.email(), now);
            return mails.resetPassword(found.email(), found.name(), token);
        }).orElse(null), now);
    }

    public boolean resetLinkUsable(String token) {
        return usableResetLink(token).isPresent();
    }

    /**
     * Sets a new password through a reset link, confirms the address the link went to, and ends every session of the user.
     *
     * @throws LinkUnusableException for an unknown, expired or used link
     * @throws InvalidInputException for a password that breaks a rule; the link still works then
     */
    public UserView resetPassword(String token, String newPassword) {
        UserView user = transactions.execute(status -> {
            UserRow holder = usableResetLink(token).orElseThrow(LinkUnusableException::new);
            String password = passwordPolicy.require("password", newPassword, holder.email());
            Instant now = clock.instant();
            if (!tokens.use(SecretTokens.hash(token), TokenPurpose.RESET_PASSWORD, now)) {
                throw new LinkUnusableException();
            }
            tokens.useAll(holder.id(), TokenPurpose.RESET_PASSWORD, now);
            users.updatePasswordHash(holder.id(), passwordEncoder.encode(password), now);
            users.confirmEmail(holder.id(), holder.email(), now);
            audit.record(personalAccountId(holder.id()), holder.id(), AuditAction.PASSWORD_RESET, holder.email(), null);
            return existing(holder.id()).view();
        });
        // Whoever knew the old password is out, on every node; the person resetting logs in afresh.
        sessions.endAllOtherSessions(user.id(), null);
        return user;
    }

    /**
     * R-ACC-6: a new address needs the current password, and takes effect only once the link mailed to it is followed.
     *
     * @throws InvalidInputException for a bad address or password, an address in use, or too many links asked for
     */
    @Transactional
    public void requestEmailChange(String userId, String currentPassword, String rawNewEmail, String client) {
        UserRow user = existing(userId);
        InputCheck check = new InputCheck();
        String email = check.check(() -> EmailAddresses.require("email", rawNewEmail));
        check.check(() -> accountService.requireCurrentPassword(user, currentPassword));
        check.throwIfAny();
        if (EmailAddresses.key(email).equals(EmailAddresses.key(user.email()))) {
            throw new InvalidInputException("email", "email_unchanged", "This is already your email address.");
        }
        Optional<UserRow> holder = users.findByEmail(email);
        if (holder.isPresent()) {
            throw new InvalidInputException("email", EMAIL_UNAVAILABLE, PROFILE_EMAIL_UNAVAILABLE);
        }
        Instant now = clock.instant();
        boolean sent = sendLimited(email, client, IdentityMailKind.CHANGE_EMAIL, () -> {
            tokens.useAll(userId, TokenPurpose.CHANGE_EMAIL, now);
            String token = newToken(userId, TokenPurpose.CHANGE_EMAIL, email, now);
            return mails.confirmNewEmail(email, user.name(), token);
        }, now);
        if (!sent) {
            throw new InvalidInputException("email", "too_many_requests",
                    "Too many confirmation emails were sent for this change. Try again in an hour.");
        }
    }

    /** The address the user asked to change to and has not confirmed yet, if any. */
    public Optional<String> pendingEmailChange(String userId) {
        return tokens.pendingEmailChange(userId, clock.instant());
    }

    /**
     * Follows the link mailed to a new address: the address changes (confirmed), and the old address is told.
     *
     * @throws LinkUnusableException for an unknown, expired or used link, or when the address was taken meanwhile
     */
    @Transactional
    public UserView confirmEmailChange(String token) {
        String hash = SecretTokens.hash(token);
        Instant now = clock.instant();
        UserTokenRepository.UserToken link = tokens.findUsable(hash, TokenPurpose.CHANGE_EMAIL, now)
                .orElseThrow(LinkUnusableException::new);
        UserRow user = existing(link.userId());
        if (users.findByEmail(link.email()).isPresent() || !tokens.use(hash, TokenPurpose.CHANGE_EMAIL, now)) {
            throw new LinkUnusableException();
        }
        try {
            users.updateEmail(user.id(), link.email(), now);
        } catch (DuplicateKeyException raceWithAnotherSignUp) {
            throw new LinkUnusableException();
        }
        // Links sent to the old address (confirmation, reset) check the address they went to, so they stop working.
        outbox.enqueue(mails.emailChanged(user.email(), user.name(), link.email()));
        sends.record(user.email(), "system", IdentityMailKind.EMAIL_CHANGED, now);
        audit.record(personalAccountId(user.id()), user.id(), AuditAction.EMAIL_CHANGED, link.email(), "from=" + user.email());
        return existing(user.id()).view();
    }

    private record CheckedSignUp(String name, String email, String passwordHash) {
    }

    private CheckedSignUp check(SignUpCommand command) {
        InputCheck check = new InputCheck();
        String name = check.check(() -> DisplayNames.require("name", command.name()));
        String email = check.check(() -> EmailAddresses.require("email", command.email()));
        String password = check.check(() -> passwordPolicy.require("password", command.password(), command.email()));
        check.throwIfAny();
        // Hashed before the address is looked up, so that a registered address takes as long as a new one.
        return new CheckedSignUp(name, email, passwordEncoder.encode(password));
    }

    private UserRow insert(CheckedSignUp checked, Instant confirmedAt, Instant now) {
        UserRow user = new UserRow(Ids.newId(now), checked.email(), checked.name(), checked.passwordHash(), now, confirmedAt);
        try {
            users.insert(user);
        } catch (DuplicateKeyException raceWithAnotherSignUp) {
            throw new InvalidInputException("email", EMAIL_UNAVAILABLE,
                    "An account can't be created with this email address. If you already have one, log in instead.");
        }
        accounts.insertPersonal(Ids.newId(now), user.id(), now);
        return user;
    }

    /** @return false when the address or the client has had its share of confirmation mails this hour */
    private boolean sendConfirmation(UserRow user, String client, Instant now) {
        return sendLimited(user.email(), client, IdentityMailKind.CONFIRM_EMAIL, () -> {
            String token = newToken(user.id(), TokenPurpose.CONFIRM_EMAIL, user.email(), now);
            return mails.confirmEmail(user.email(), user.name(), token);
        }, now);
    }

    /** A mail to compose, or null for none (an unknown address is counted like a known one, and gets nothing). */
    private interface MailToSend {
        OutgoingMail compose();
    }

    /** @return false when the limit for the address or the client was reached, and nothing was sent or counted */
    private boolean sendLimited(String email, String client, IdentityMailKind kind, MailToSend mail, Instant now) {
        Instant hourAgo = now.minus(HOUR);
        if (sends.toAddressSince(email, kind, hourAgo) >= limits.perAddressPerHour()
                || sends.forClientSince(client, hourAgo) >= limits.perClientPerHour()) {
            return false;
        }
        sends.record(email, client, kind, now);
        OutgoingMail composed = mail.compose();
        if (composed != null) {
            outbox.enqueue(composed);
        }
        return true;
    }

    private String newToken(String userId, TokenPurpose purpose, String email, Instant now) {
        String token = SecretTokens.newToken();
        tokens.insert(SecretTokens.hash(token), userId, purpose, email, now);
        return token;
    }

    private Optional<UserRow> usableResetLink(String token) {
        return tokens.findUsable(SecretTokens.hash(token), TokenPurpose.RESET_PASSWORD, clock.instant())
                .flatMap(link -> users.findById(link.userId())
                        .filter(user -> EmailAddresses.key(user.email()).equals(EmailAddresses.key(link.email()))));
    }

    private UserRow existing(String userId) {
        return accountService.existing(userId);
    }

    private String personalAccountId(String userId) {
        return accounts.findPersonal(userId).orElseThrow().id();
    }
}
