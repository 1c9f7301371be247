package io.atrium.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every action the audit log records (R-ORG-7): the code stored with each entry, and its sentence in words a person
 * reads, written without a subject (the "who" stands next to it). The features that record an action name its
 * constant; the Audit log page's filter offers them by {@link Group}.
 */
public enum AuditAction {

    ORGANIZATION_CREATED(Group.ORGANIZATION, "organization.created", "Created the organization"),
    ORGANIZATION_RENAMED(Group.ORGANIZATION, "organization.renamed", "Renamed the organization"),
    ORGANIZATION_DELETED(Group.ORGANIZATION, "organization.deleted", "Deleted an organization"),
    PLAN_CHANGED(Group.PLAN, "account.plan_changed", "Changed the plan"),
    BILLING_DETAILS_CHANGED(Group.PLAN, "account.billing_details_changed", "Changed the billing contact"),
    BUDGET_CHANGED(Group.PLAN, "account.budget_changed", "Changed the monthly budget"),
    STATEMENT_CLOSED(Group.PLAN, "account.statement_closed", "Closed a monthly statement"),
    MEMBER_JOINED(Group.MEMBERS, "member.joined", "Joined the organization"),
    MEMBER_ROLE_CHANGED(Group.MEMBERS, "member.role_changed", "Changed a member's role"),
    MEMBER_REMOVED(Group.MEMBERS, "member.removed", "Removed a member"),
    MEMBER_LEFT(Group.MEMBERS, "member.left", "Left the organization"),
    INVITATION_CREATED(Group.INVITATIONS, "invitation.created", "Invited someone"),
    INVITATION_RESENT(Group.INVITATIONS, "invitation.resent", "Sent an invitation again"),
    INVITATION_REVOKED(Group.INVITATIONS, "invitation.revoked", "Revoked an invitation"),
    INVITATION_ACCEPTED(Group.INVITATIONS, "invitation.accepted", "Accepted an invitation"),
    API_KEY_CREATED(Group.API_KEYS, "api_key.created", "Created an API key"),
    API_KEY_REVOKED(Group.API_KEYS, "api_key.revoked", "Revoked an API key"),
    API_KEY_ROTATED(Group.API_KEYS, "api_key.rotated", "Rotated an API key's secret"),
    INTEGRATION_CREATED(Group.INTEGRATIONS, "integration.created", "Added an S3 integration"),
    INTEGRATION_UPDATED(Group.INTEGRATIONS, "integration.updated", "Changed an S3 integration"),
    INTEGRATION_DELETED(Group.INTEGRATIONS, "integration.deleted", "Deleted an S3 integration"),
    INTEGRATION_IMPORT_STARTED(Group.INTEGRATIONS, "integration.import_started",
            "Started an import from an S3 integration"),
    WEBHOOK_CREATED(Group.WEBHOOKS, "webhook.created", "Added a webhook endpoint"),
    WEBHOOK_UPDATED(Group.WEBHOOKS, "webhook.updated", "Changed a webhook endpoint"),
    WEBHOOK_DELETED(Group.WEBHOOKS, "webhook.deleted", "Deleted a webhook endpoint"),
    WEBHOOK_SECRET_ROTATED(Group.WEBHOOKS, "webhook.secret_rotated", "Replaced a webhook endpoint's signing secret"),
    WEBHOOK_DISABLED(Group.WEBHOOKS, "webhook.disabled",
            "Disabled a webhook endpoint after a day of failed deliveries"),
    EMAIL_CONFIRMED(Group.SIGN_IN, "user.email_confirmed", "Confirmed their email address"),
    EMAIL_CHANGED(Group.SIGN_IN, "user.email_changed", "Changed their email address"),
    PASSWORD_CHANGED(Group.SIGN_IN, "user.password_changed", "Changed their password"),
    PASSWORD_RESET(Group.SIGN_IN, "user.password_reset", "Reset their password through an emailed link"),
    SESSION_ENDED(Group.SIGN_IN, "user.session_ended", "Signed out a session"),
    TWO_FACTOR_ENABLED(Group.SIGN_IN, "user.two_factor_enabled", "Turned on two-factor authentication"),
    TWO_FACTOR_DISABLED(Group.SIGN_IN, "user.two_factor_disabled", "Turned off two-factor authentication"),
    RECOVERY_CODE_USED(Group.SIGN_IN, "user.recovery_code_used", "Logged in with a recovery code"),
    RECOVERY_CODES_REPLACED(Group.SIGN_IN, "user.recovery_codes_replaced", "Made new two-factor recovery codes"),
    SSO_LOGIN(Group.SIGN_IN, "user.sso_login", "Logged in through single sign-on"),
    TWO_FACTOR_REQUIREMENT_CHANGED(Group.ORGANIZATION, "organization.two_factor_requirement_changed",
            "Changed whether members need two-factor authentication"),
    SSO_SETTINGS_CHANGED(Group.ORGANIZATION, "organization.sso_changed", "Changed the single sign-on settings"),
    INDEX_CREATED(Group.INDEXES, "index.created", "Created an index"),
    INDEX_DELETED(Group.INDEXES, "index.deleted", "Deleted an index with its videos"),
    VIDEO_CREATED(Group.VIDEOS, "video.created", "Indexed a video"),
    VIDEO_DELETED(Group.VIDEOS, "video.deleted", "Deleted a video"),
    TASK_FAILED(Group.VIDEOS, "video.task_failed", "Could not index a video (the task failed)"),
    ASSET_DELETED(Group.VIDEOS, "video.asset_deleted", "Deleted an asset");

    /** A kind of thing acted on: its label, and the code prefix ({@code member.}) its actions share. */
    public enum Group {

        ORGANIZATION("Organization", "organization."),
        PLAN("Plan", "account."),
        MEMBERS("Members", "member."),
        INVITATIONS("Invitations", "invitation."),
        API_KEYS("API keys", "api_key."),
        INTEGRATIONS("S3 integrations", "integration."),
        WEBHOOKS("Webhooks", "webhook."),
        INDEXES("Indexes", "index."),
        VIDEOS("Videos and tasks", "video."),
        SIGN_IN("Sign-in and security", "user.");

        private final String label;
        private final String prefix;

        Group(String label, String prefix) {
            this.label = label;
            this.prefix = prefix;
        }

        public String label() {
            return label;
        }

        public String prefix() {
            return prefix;
        }

        public List<AuditAction> actions() {
            return Arrays.stream(AuditAction.values()).filter(action -> action.group == this).toList();
        }
    }

    private static final Map<String, AuditAction> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AuditAction::code, Function.identity()));

    private final Group group;
    private final String code;
    private final String sentence;

    AuditAction(Group group, String code, String sentence) {
        this.group = group;
        this.code = code;
        this.sentence = sentence;
    }

    public String code() {
        return code;
    }

    public String sentence() {
        return sentence;
    }

    /** The sentence for a stored code; an action this server version does not know reads as its code. */
    public static String sentenceOf(String code) {
        AuditAction action = BY_CODE.get(code);
        return action == null ? code : action.sentence;
    }
}
