package io.atrium.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.account.AccountService;
import io.atrium.account.IdentityService;
import io.atrium.account.AccountView;
import io.atrium.account.SignUpCommand;
import io.atrium.account.UserView;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.invitation.InviteOutcome.Result;
import io.atrium.mail.MailOutbox;
import io.atrium.organization.OrganizationService;
import io.atrium.organization.Role;
import io.atrium.shared.Actor;
import io.atrium.shared.EmailAddresses;
import io.atrium.shared.Ids;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.NotFoundException;
import io.atrium.shared.QuotaExceededException;
import io.atrium.shared.SecretTokens;

/** Invitations to an organization (R-INV-1…8). Managing them is for the organization's admins. */
@Service
public class InvitationService {

    static final int MAX_ADDRESSES_PER_REQUEST = 50;

    private final InvitationRepository invitations;
    private final OrganizationService organizations;
    private final AccountService accounts;
    private final IdentityService identity;
    private final MailOutbox mail;
    private final InvitationMail invitationMail;
    private final AuditLog audit;
    private final InvitationProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    InvitationService(InvitationRepository invitations, OrganizationService organizations, AccountService accounts,
            IdentityService identity, MailOutbox mail, InvitationMail invitationMail, AuditLog audit,
            InvitationProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.identity = identity;
        this.invitations = invitations;
        this.organizations = organizations;
        this.accounts = accounts;
        this.mail = mail;
        this.invitationMail = invitationMail;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * R-INV-1, 3 and 8: invites each address with one role. Invalid, repeated and member addresses are
     * reported by name while the valid ones are still invited; a pending invitation is renewed (resent).
     *
     * @param addresses email addresses separated by commas (semicolons and line breaks work too)
     * @throws InvalidInputException when no address or role is given, or too many addresses at once
     */
    @Transactional
    public List<InviteOutcome> invite(Actor actor, String addresses, String roleValue) {
        String accountId = actor.requireOrganization().accountId();
        String actorUserId = actor.userId();
        // Locked until commit: two requests at once count each other's invitations against the daily limit.
        organizations.lockAsAdmin(actor);
        List<String> entries = Arrays.stream(addresses == null ? new String[0] : addresses.split("[,;\\s]+"))
                .map(String::strip).filter(entry -> !entry.isEmpty()).toList();
        if (entries.isEmpty()) {
            throw new InvalidInputException("emails", "parameter_not_provided", "Enter at least one email address.");
        }
        if (entries.size() > MAX_ADDRESSES_PER_REQUEST) {
            throw new InvalidInputException("emails", "parameter_invalid",
                    "Invite at most " + MAX_ADDRESSES_PER_REQUEST + " addresses at a time.");
        }
        Role role = Role.parse("role", roleValue);
        Instant now = clock.instant();
        long remaining = properties.maxPerDay() - invitations.countSentSince(accountId, now.minus(Duration.ofDays(1)));
        AccountView organization = organization(accountId);
        UserView inviter = accounts.findUser(actorUserId).orElseThrow();

        List<InviteOutcome> outcomes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            if (entry.length() > EmailAddresses.MAX_LENGTH || !EmailAddresses.isValid(entry)) {
                outcomes.add(new InviteOutcome(shorten(entry), Result.INVALID, "Not a valid email address."));
            } else if (!seen.add(EmailAddresses.key(entry))) {
                outcomes.add(new InviteOutcome(entry, Result.DUPLICATE, "Listed more than once; invited once."));
            } else if (isMember(accountId, entry)) {
                outcomes.add(new InviteOutcome(entry, Result.ALREADY_MEMBER, "Already a member of this organization."));
            } else if (remaining <= 0) {
                outcomes.add(new InviteOutcome(entry, Result.LIMIT_REACHED, "Not sent: this organization can send "
                        + properties.maxPerDay() + " invitations in 24 hours. Try again later."));
            } else {
                Optional<InvitationRow> pending = invitations.findPendingFor(accountId, entry);
                if (pending.isPresent() && sendsUsedUp(pending.get(), now)) {
                    outcomes.add(new InviteOutcome(entry, Result.LIMIT_REACHED, resendLimitMessage()));
                } else {
                    remaining--;
                    outcomes.add(send(organization, inviter, entry, pending, role, now));
                }
            }
        }
        return outcomes;
    }

    /** R-INV-4: admins see pending invitations, expired ones included, newest first. */
    public List<InvitationView> pending(Actor actor) {
        String accountId = actor.requireOrganization().requireAdmin().accountId();
        Instant now = clock.instant();
        List<InvitationRow> rows = invitations.pending(accountId);
        Map<String, UserView> inviters = accounts.users(rows.stream().map(InvitationRow::invitedByUserId).toList());
        return rows.stream().map(row -> new InvitationView(row.id(), row.email(), row.role(),
                        Optional.ofNullable(inviters.get(row.invitedByUserId())).map(UserView::name).orElse("A former member"),
                        row.createdAt(), row.lastSentAt(), row.expiresAt(),
                        row.statusAt(now) == InvitationStatus.EXPIRED,
                        row.mailId() == null ? null : mail.state(row.mailId()).orElse(null)))
                .toList();
    }

    /** R-INV-3 and 4: a new link, valid for the full period again; the old link stops working. */
    @Transactional
    public void resend(Actor actor, String invitationId) {
        String accountId = actor.requireOrganization().accountId();
        String actorUserId = actor.userId();
        organizations.lockAsAdmin(actor);
        InvitationRow row = invitations.findPending(accountId, invitationId)
                .orElseThrow(() -> new NotFoundException("Invitation"));
        Instant now = clock.instant();
        if (invitations.countSentSince(accountId, now.minus(Duration.ofDays(1))) >= properties.maxPerDay()) {
            throw new QuotaExceededException("invitation", "This organization can send "
                    + properties.maxPerDay() + " invitations in 24 hours. Try again later.");
        }
        if (sendsUsedUp(row, now)) {
            throw new QuotaExceededException("invitation", resendLimitMessage());
        }
        send(organization(accountId), accounts.findUser(actorUserId).orElseThrow(), row.email(), Optional.of(row),
                row.role(), now);
    }

    /** R-INV-4: the link stops working at once. */
    @Transactional
    public void revoke(Actor actor, String invitationId) {
        String accountId = actor.requireOrganization().requireAdmin().accountId();
        String actorUserId = actor.userId();
        InvitationRow row = invitations.findPending(accountId, invitationId)
                .orElseThrow(() -> new NotFoundException("Invitation"));
        invitations.markRevoked(accountId, invitationId, clock.instant());
        audit.record(accountId, actorUserId, AuditAction.INVITATION_REVOKED, row.email(), "role=" + row.role().value());
    }

    /** What the link's page shows, while the invitation can still be accepted. */
    public Optional<InvitationPreview> preview(String token) {
        return usable(token).map(row -> {
            AccountView organization = organization(row.accountId());
            String inviter = accounts.findUser(row.invitedByUserId()).map(UserView::name).orElse("An administrator");
            return new InvitationPreview(organization.name(), organization.initials(), row.email(), row.role(), inviter);
        });
    }

    /**
     * R-INV-5…7: the logged-in user with the invited email joins, and the organization becomes their active
     * account. Accepting the same invitation twice at once adds one membership.
     *
     * @return the organization joined
     * @throws InvitationUnusableException for an unknown, expired, revoked or used token
     * @throws WrongRecipientException when the user's email is not the invited one
     */
    @Transactional
    public AccountView accept(String token, String userId) {
        InvitationRow row = usable(token).orElseThrow(InvitationUnusableException::new);
        UserView user = accounts.findUser(userId).orElseThrow();
        if (!EmailAddresses.key(user.email()).equals(EmailAddresses.key(row.email()))) {
            throw new WrongRecipientException(row.email());
        }
        if (!invitations.markAccepted(row.id(), userId, clock.instant())) {
            // Another request used it a moment ago: fine if that made this user a member, refused otherwise.
            if (organizations.roleOf(row.accountId(), userId).isEmpty()) {
                throw new InvitationUnusableException();
            }
            return organization(row.accountId());
        }
        organizations.join(row.accountId(), userId, row.role(), row.email());
        // The invitation went to this address and its link came back: the user holds the address.
        identity.confirmByInvitation(userId, row.email());
        events.publishEvent(new InvitationAccepted(row.accountId(), row.id(), userId, row.email(), row.role()));
        audit.record(row.accountId(), userId, AuditAction.INVITATION_ACCEPTED, row.email(), "role=" + row.role().value());
        return organization(row.accountId());
    }

    /**
     * R-INV-5: a visitor without an account signs up with the invited address and joins, in one transaction.
     *
     * @throws InvalidInputException for a name or password that breaks a rule, or an address already registered
     */
    @Transactional
    public UserView signUpAndAccept(String token, String name, String password) {
        InvitationRow row = usable(token).orElseThrow(InvitationUnusableException::new);
        UserView user = identity.signUpWithProvenEmail(new SignUpCommand(name, row.email(), password));
        accept(token, user.id());
        return user;
    }

    /** @param existing the address's pending invitation, renewed instead of a new one when there is one */
    private InviteOutcome send(AccountView organization, UserView inviter, String email,
            Optional<InvitationRow> existing, Role role, Instant now) {
        String token = SecretTokens.newToken();
        Instant expiresAt = now.plus(properties.validity());
        String mailId = mail.enqueue(invitationMail.compose(email, organization.name(), inviter.name(), role, token, expiresAt));
        if (existing.isPresent()) {
            invitations.renew(organization.id(), existing.get().id(), SecretTokens.hash(token), role, inviter.id(),
                    mailId, now, expiresAt);
            invitations.recordSent(organization.id(), existing.get().id(), now);
            audit.record(organization.id(), inviter.id(), AuditAction.INVITATION_RESENT, email, "role=" + role.value());
            return new InviteOutcome(email, Result.RESENT, "Already invited: a new invitation was sent.");
        }
        InvitationRow row = new InvitationRow(Ids.newId(now), organization.id(), email, role, inviter.id(),
                InvitationStatus.PENDING, mailId, now, now, expiresAt);
        invitations.insert(row, SecretTokens.hash(token));
        invitations.recordSent(organization.id(), row.id(), now);
        audit.record(organization.id(), inviter.id(), AuditAction.INVITATION_CREATED, email, "role=" + role.value());
        return new InviteOutcome(email, Result.INVITED, "Invitation sent.");
    }

    /** Whether a pending invitation has sent as many emails this hour as it may. */
    private boolean sendsUsedUp(InvitationRow pending, Instant now) {
        return invitations.countSentSince(pending.accountId(), pending.id(), now.minus(Duration.ofHours(1)))
                >= properties.maxSendsPerHour();
    }

    private String resendLimitMessage() {
        return "Not sent: one invitation can be sent " + properties.maxSendsPerHour()
                + " times in an hour. Try again later.";
    }

    private Optional<InvitationRow> usable(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return invitations.findByTokenHash(SecretTokens.hash(token))
                .filter(row -> row.statusAt(now).isUsable());
    }

    private boolean isMember(String accountId, String email) {
        return accounts.findUserByEmail(email)
                .map(user -> organizations.roleOf(accountId, user.id()).isPresent())
                .orElse(false);
    }

    private AccountView organization(String accountId) {
        return accounts.findAccount(accountId).orElseThrow(() -> new NotFoundException("Organization"));
    }

    private static String shorten(String entry) {
        return entry.length() > 80 ? entry.substring(0, 80) + "…" : entry;
    }
}
