package io.atrium.organization;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.atrium.account.AccountService;
import io.atrium.account.AccountView;
import io.atrium.account.SsoIdentityView;
import io.atrium.account.UserView;
import io.atrium.audit.AuditAction;
import io.atrium.audit.AuditLog;
import io.atrium.organization.MembershipRepository.MembershipRow;
import io.atrium.shared.Actor;
import io.atrium.shared.ForbiddenException;
import io.atrium.shared.InvalidInputException;
import io.atrium.shared.LastAdminException;
import io.atrium.shared.NotFoundException;

/**
 * Organizations and their members: R-ORG-1…7. Every method takes the account id and the acting user, and
 * answers {@link NotFoundException} when the user is not a member, exactly as for an organization that
 * does not exist (R-RES-2).
 */
@Service
public class OrganizationService {

    /** What choosing an account in the switcher did. */
    /** What choosing an account did. */
    public enum Switch {
        SWITCHED,
        /** Nothing changed: the organization lets this member in through its single sign-on provider only. */
        NEEDS_SSO,
        /** The choice is kept, and takes effect once the user has set up the two-factor authentication it requires. */
        NEEDS_TWO_FACTOR
    }

    /** @param organization the organization chosen, when the outcome names one (it waits for SSO or two-factor) */
    public record SwitchOutcome(Switch outcome, AccountView organization) {
    }

    private final MembershipRepository memberships;
    private final AccountService accounts;
    private final ActiveAccounts activeAccounts;
    private final AuditLog audit;
    private final MemberNotices notices;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrganizationService(MembershipRepository memberships, AccountService accounts, ActiveAccounts activeAccounts,
            AuditLog audit, MemberNotices notices, ApplicationEventPublisher events, Clock clock) {
        this.memberships = memberships;
        this.notices = notices;
        this.activeAccounts = activeAccounts;
        this.accounts = accounts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * R-ORG-1: the creator becomes admin and the organization their active account at once.
     *
     * @throws io.atrium.shared.EmailNotConfirmedException until the creator has confirmed their address
     */
    @Transactional
    public AccountView create(String userId, String name) {
        accounts.requireConfirmedEmail(userId);
        AccountView organization = accounts.createOrganizationAccount(userId, name);
        memberships.insertIfAbsent(organization.id(), userId, Role.ADMIN, clock.instant());
        accounts.rememberActiveAccount(userId, organization.id());
        audit.record(organization.id(), userId, AuditAction.ORGANIZATION_CREATED, organization.name(), null);
        return organization;
    }

    /** The organization this user created, if it still exists (one per creator). */
    public Optional<AccountView> createdBy(String userId) {
        return accounts.organizationCreatedBy(userId);
    }

    public Optional<Role> roleOf(String accountId, String userId) {
        return memberships.find(accountId, userId).map(MembershipRow::role);
    }

    /**
     * The actor's role, read again (after any lock the caller took). An organization's own API key is no member: it
     * acts with the role chosen for it, which its verification has just read.
     *
     * @throws NotFoundException when the user is not a member of the organization
     */
    private Role requireMember(Actor actor) {
        if (actor.organizationKey()) {
            return actor.admin() ? Role.ADMIN : Role.MEMBER;
        }
        return roleOf(actor.accountId(), actor.userId()).orElseThrow(() -> new NotFoundException("Organization"));
    }

    /**
     * @throws NotFoundException when the user is not a member
     * @throws ForbiddenException when the user is a member but not an admin
     */
    private void requireAdmin(Actor actor) {
        if (requireMember(actor) != Role.ADMIN) {
            throw new ForbiddenException("Only administrators can do this.");
        }
    }

    /** The administrators of an organization, to tell them about what concerns it as a whole. */
    public List<String> administratorIds(String accountId) {
        return memberships.ofAccount(accountId).stream().filter(row -> row.role() == Role.ADMIN)
                .map(MembershipRow::userId).toList();
    }

    /** The users who administer an organization (none for a personal account), for what they must be told. */
    public List<UserView> administrators(String accountId) {
        return List.copyOf(accounts.users(administratorIds(accountId)).values());
    }

    public long memberCount(String accountId) {
        return memberships.count(accountId);
    }

    public List<MemberView> members(Actor actor) {
        String accountId = actor.accountId();
        requireMember(actor);
        List<MembershipRow> rows = memberships.ofAccount(accountId);
        List<String> userIds = rows.stream().map(MembershipRow::userId).toList();
        Map<String, UserView> users = accounts.users(userIds);
        Set<String> withTwoFactor = accounts.withTwoFactor(userIds);
        Map<String, SsoIdentityView> identities = accounts.ssoIdentities(accountId);
        return rows.stream()
                .filter(row -> users.containsKey(row.userId()))
                .map(row -> new MemberView(users.get(row.userId()), row.role(), row.joinedAt(),
                        withTwoFactor.contains(row.userId()), identities.get(row.userId())))
                .sorted(Comparator.comparing((MemberView m) -> m.user().name().toLowerCase())
                        .thenComparing(m -> m.user().id()))
                .toList();
    }

    public MemberView member(Actor actor, String memberUserId) {
        return members(actor).stream()
                .filter(member -> member.user().id().equals(memberUserId))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Member"));
    }

    /**
     * R-SW-2 and R-SW-3: the account the user works in from now on, remembered for their next log-in; unless the
     * organization requires single sign-on and this session did not log in through its provider (see
     * {@link ActiveAccounts}), when nothing changes and the user is to log in through the provider. An organization
     * that requires two-factor authentication of a user without it is remembered, and waits for them to set it up.
     *
     * @param ssoAccountId the organization whose provider the session logged in through, if it did
     * @throws NotFoundException when the account is neither the user's personal account nor one of theirs
     */
    @Transactional
    public SwitchOutcome switchTo(String userId, Optional<String> ssoAccountId, String accountId) {
        if (!accounts.personalAccount(userId).id().equals(accountId)) {
            MembershipRow membership = memberships.find(accountId, userId)
                    .orElseThrow(() -> new NotFoundException("Account"));
            if (!activeAccounts.mayEnter(accountId, membership.role(), ssoAccountId)) {
                return new SwitchOutcome(Switch.NEEDS_SSO, organization(accountId));
            }
        }
        accounts.rememberActiveAccount(userId, accountId);
        AccountView requiring = activeAccounts.of(userId, ssoAccountId).twoFactorRequiredBy();
        return requiring == null ? new SwitchOutcome(Switch.SWITCHED, null)
                : new SwitchOutcome(Switch.NEEDS_TWO_FACTOR, requiring);
    }

    /** The actor's organization, as its pages show it. */
    public AccountView organization(Actor actor) {
        return organization(actor.accountId());
    }

    /** Adds a member who accepted an invitation (R-INV-6). @return false when they already were one */
    @Transactional
    public boolean join(String accountId, String userId, Role role, String invitedEmail) {
        boolean joined = memberships.insertIfAbsent(accountId, userId, role, clock.instant());
        if (joined) {
            events.publishEvent(new MemberAdded(accountId, userId, role));
            audit.record(accountId, userId, AuditAction.MEMBER_JOINED, invitedEmail, "role=" + role.value());
        }
        accounts.rememberActiveAccount(userId, accountId);
        return joined;
    }

    /** R-ORG-2: admins only. */
    @Transactional
    public void rename(Actor actor, String newName) {
        String accountId = actor.accountId();
        String actorUserId = actor.userId();
        requireAdmin(actor);
        String before = organization(accountId).name();
        accounts.renameOrganization(accountId, newName);
        audit.record(accountId, actorUserId, AuditAction.ORGANIZATION_RENAMED, organization(accountId).name(), "was=" + before);
    }

    /**
     * Admins only: whether members must log in with two factors to work in the organization (ActiveAccounts keeps it
     * from those who don't). An admin turns it on only once they log in so themselves, so as not to lock themselves out.
     */
    @Transactional
    public void requireTwoFactor(Actor actor, boolean required) {
        String accountId = actor.accountId();
        requireAdmin(actor);
        if (required && !accounts.hasTwoFactor(actor.userId())) {
            throw new InvalidInputException("twoFactor", "two_factor_not_set_up",
                    "Set up two-factor authentication for yourself first (Profile > Two-factor authentication).");
        }
        AccountView organization = organization(accountId);
        if (organization.twoFactorRequired() == required) {
            return;
        }
        accounts.requireTwoFactor(accountId, required);
        audit.record(accountId, actor.userId(), AuditAction.TWO_FACTOR_REQUIREMENT_CHANGED, organization.name(),
                "required=" + required);
    }

    /** R-ORG-6: admins only, confirmed by typing the organization's name. */
    @Transactional
    public void delete(Actor actor, String typedName) {
        String accountId = actor.accountId();
        String actorUserId = actor.userId();
        requireAdmin(actor);
        AccountView organization = organization(accountId);
        if (typedName == null || !typedName.strip().equals(organization.name())) {
            throw new InvalidInputException("confirmName", "parameter_invalid",
                    "Type the organization's name exactly as shown to confirm.");
        }
        // Read before the memberships go with the organization: everyone else is told what happened.
        memberships.ofAccount(accountId).stream().map(MembershipRow::userId).filter(id -> !id.equals(actorUserId))
                .forEach(id -> notices.tell(id, MemberNotice.Kind.DELETED, accountId, organization.name(), null));
        events.publishEvent(new OrganizationDeleted(accountId));
        accounts.deleteOrganizationAccount(accountId);
        // The organization's own log goes with it; the deletion is kept in the log of the admin who did it.
        audit.record(accounts.personalAccount(actorUserId).id(), actorUserId, AuditAction.ORGANIZATION_DELETED,
                organization.name(), "organization_id=" + accountId);
    }

    /**
     * Checks that the user is an admin of the organization and holds the organization's lock until the caller's
     * transaction ends, so that admin actions which count what the organization did (invitations sent today) run
     * one after another, and a demotion that commits meanwhile is seen.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAsAdmin(Actor actor) {
        memberships.lockOrganization(actor.accountId());
        requireAdmin(actor);
    }

    /** R-ORG-3 and R-ORG-4: admins change roles; the last admin cannot be demoted. */
    @Transactional
    public void changeRole(Actor actor, String memberUserId, Role role) {
        String accountId = actor.accountId();
        String actorUserId = actor.userId();
        // Lock first: the actor's own role is then read after any concurrent demotion has committed.
        memberships.lockOrganization(accountId);
        requireAdmin(actor);
        MembershipRow member = memberships.find(accountId, memberUserId)
                .orElseThrow(() -> new NotFoundException("Member"));
        if (member.role() == role) {
            return;
        }
        if (member.role() == Role.ADMIN) {
            requireAnotherAdmin(accountId, "role", "This is the organization's last administrator. "
                    + "Make another member an administrator first.");
        }
        memberships.updateRole(accountId, memberUserId, role);
        events.publishEvent(new MemberRoleChanged(accountId, memberUserId));
        if (!memberUserId.equals(actorUserId)) {
            notices.tell(memberUserId, MemberNotice.Kind.ROLE_CHANGED, accountId, organization(accountId).name(), role);
        }
        audit.record(accountId, actorUserId, AuditAction.MEMBER_ROLE_CHANGED, email(memberUserId),
                "from=" + member.role().value() + " to=" + role.value());
    }

    /**
     * R-ORG-4 and R-ORG-5: admins remove members; the removed member falls back to their personal account,
     * and the API keys they created for the organization are revoked in the same transaction.
     */
    @Transactional
    public void remove(Actor actor, String memberUserId) {
        String accountId = actor.accountId();
        String actorUserId = actor.userId();
        memberships.lockOrganization(accountId);
        requireAdmin(actor);
        end(accountId, memberUserId, actorUserId, AuditAction.MEMBER_REMOVED);
    }

    /** R-ORG-4: any member may leave, except the last admin (R-ORG-3). */
    @Transactional
    public void leave(Actor actor) {
        String accountId = actor.accountId();
        String userId = actor.userId();
        if (actor.organizationKey()) {
            throw new ForbiddenException("An organization key is not a member, so it can't leave.");
        }
        memberships.lockOrganization(accountId);
        requireMember(actor);
        end(accountId, userId, userId, AuditAction.MEMBER_LEFT);
    }

    /** Callers hold the organization's lock. */
    private void end(String accountId, String memberUserId, String actorUserId, AuditAction action) {
        MembershipRow member = memberships.find(accountId, memberUserId)
                .orElseThrow(() -> new NotFoundException("Member"));
        if (member.role() == Role.ADMIN) {
            requireAnotherAdmin(accountId, "member", actorUserId.equals(memberUserId)
                    ? "You are the organization's last administrator. Make another member an administrator before you leave."
                    : "This is the organization's last administrator and can't be removed.");
        }
        String organizationName = organization(accountId).name();
        memberships.delete(accountId, memberUserId);
        accounts.forgetActiveAccount(memberUserId, accountId);
        if (action == AuditAction.MEMBER_REMOVED) {
            notices.tell(memberUserId, MemberNotice.Kind.REMOVED, accountId, organizationName, null);
        }
        events.publishEvent(new MembershipEnded(accountId, memberUserId));
        audit.record(accountId, actorUserId, action, email(memberUserId), "role=" + member.role().value());
    }

    /** Whether the actor is their organization's only administrator, who may not leave (R-ORG-3). */
    public boolean lastAdmin(Actor actor) {
        return roleOf(actor.accountId(), actor.userId()).filter(role -> role == Role.ADMIN).isPresent()
                && memberships.countAdmins(actor.accountId()) <= 1;
    }

    private void requireAnotherAdmin(String accountId, String field, String message) {
        if (memberships.countAdmins(accountId) <= 1) {
            throw new LastAdminException(field, message);
        }
    }

    private AccountView organization(String accountId) {
        return accounts.findAccount(accountId).orElseThrow(() -> new NotFoundException("Organization"));
    }

    private String email(String userId) {
        return accounts.findUser(userId).map(UserView::email).orElse(userId);
    }
}
