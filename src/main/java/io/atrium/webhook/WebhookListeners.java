package io.atrium.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.atrium.account.AccountService;
import io.atrium.account.UserView;
import io.atrium.apikey.ApiKeyExpiring;
import io.atrium.apikey.ApiKeyRevoked;
import io.atrium.integration.ImportCompleted;
import io.atrium.invitation.InvitationAccepted;
import io.atrium.organization.MemberAdded;
import io.atrium.organization.MemberRoleChanged;
import io.atrium.organization.MembershipEnded;
import io.atrium.organization.OrganizationService;
import io.atrium.video.TaskFailed;
import io.atrium.video.TaskReady;
import io.atrium.video.TaskStatus;

/**
 * Hears the events other features publish inside their transactions and records their deliveries there
 * (synchronously, not after the commit), so a delivery is written if and only if its event's change is committed.
 */
@Component
class WebhookListeners {

    private final WebhookService webhooks;
    private final AccountService accounts;
    private final OrganizationService organizations;

    WebhookListeners(WebhookService webhooks, AccountService accounts, OrganizationService organizations) {
        this.webhooks = webhooks;
        this.accounts = accounts;
        this.organizations = organizations;
    }

    @EventListener
    void taskReady(TaskReady ready) {
        webhooks.record(ready.accountId(), WebhookEvent.TASK_READY, data("_id", ready.taskId(), "index_id",
                ready.indexId(), "video_id", ready.videoId(), "status", TaskStatus.READY.value()));
        if (ready.assetId() != null) {
            webhooks.record(ready.accountId(), WebhookEvent.INDEXED_ASSET_READY, data("_id", ready.videoId(),
                    "index_id", ready.indexId(), "asset_id", ready.assetId(), "status", TaskStatus.READY.value()));
        }
    }

    @EventListener
    void taskFailed(TaskFailed failed) {
        Map<String, Object> error = data("code", failed.errorCode(), "message", failed.errorMessage());
        Map<String, Object> task = data("_id", failed.taskId(), "index_id", failed.indexId(), "video_id",
                failed.videoId(), "status", TaskStatus.FAILED.value());
        task.put("error", error);
        webhooks.record(failed.accountId(), WebhookEvent.TASK_FAILED, task);
        if (failed.assetId() != null) {
            Map<String, Object> indexedAsset = data("_id", failed.videoId(), "index_id", failed.indexId(), "asset_id",
                    failed.assetId(), "status", TaskStatus.FAILED.value());
            indexedAsset.put("error", error);
            webhooks.record(failed.accountId(), WebhookEvent.INDEXED_ASSET_FAILED, indexedAsset);
        }
    }

    @EventListener
    void importCompleted(ImportCompleted completed) {
        webhooks.record(completed.accountId(), WebhookEvent.IMPORT_COMPLETED, data("_id", completed.importId(),
                "integration_id", completed.integrationId(), "index_id", completed.indexId()));
    }

    @EventListener
    void memberAdded(MemberAdded added) {
        Map<String, Object> data = member(added.userId());
        data.put("role", added.role().value());
        webhooks.record(added.accountId(), WebhookEvent.MEMBER_ADDED, data);
    }

    @EventListener
    void memberRemoved(MembershipEnded ended) {
        webhooks.record(ended.accountId(), WebhookEvent.MEMBER_REMOVED, member(ended.userId()));
    }

    /** The new role is read in the transaction that changed it. */
    @EventListener
    void memberRoleChanged(MemberRoleChanged changed) {
        Map<String, Object> data = member(changed.userId());
        organizations.roleOf(changed.accountId(), changed.userId()).ifPresent(role -> data.put("role", role.value()));
        webhooks.record(changed.accountId(), WebhookEvent.MEMBER_ROLE_CHANGED, data);
    }

    @EventListener
    void invitationAccepted(InvitationAccepted accepted) {
        webhooks.record(accepted.accountId(), WebhookEvent.INVITATION_ACCEPTED, data("_id", accepted.invitationId(),
                "email", accepted.email(), "role", accepted.role().value(), "user_id", accepted.userId()));
    }

    @EventListener
    void apiKeyExpiring(ApiKeyExpiring expiring) {
        Map<String, Object> data = data("_id", expiring.apiKeyId(), "name", expiring.name(), "expires_at",
                expiring.expiresAt().toString());
        data.put("days_left", expiring.daysLeft());
        webhooks.record(expiring.accountId(), WebhookEvent.API_KEY_EXPIRING, data);
    }

    @EventListener
    void apiKeyRevoked(ApiKeyRevoked revoked) {
        webhooks.record(revoked.accountId(), WebhookEvent.API_KEY_REVOKED,
                data("_id", revoked.apiKeyId(), "name", revoked.name()));
    }

    private Map<String, Object> member(String userId) {
        return data("user_id", userId, "email", accounts.findUser(userId).map(UserView::email).orElse(null));
    }

    /** A JSON object with its fields in the given order: name, value, name, value, … */
    private static Map<String, Object> data(String... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return data;
    }
}
