package io.atrium.webhook;

import java.util.Arrays;
import java.util.Optional;

/** The event types an endpoint can hear, by the {@code type} their messages carry. */
enum WebhookEvent {

    TASK_READY("task.ready", "A video task is ready"),
    TASK_FAILED("task.failed", "A video task failed"),
    INDEXED_ASSET_READY("indexed_asset.ready", "An asset is indexed"),
    INDEXED_ASSET_FAILED("indexed_asset.failed", "An asset could not be indexed"),
    IMPORT_COMPLETED("import.completed", "An S3 import completed"),
    MEMBER_ADDED("member.added", "A member joined"),
    MEMBER_REMOVED("member.removed", "A member was removed or left"),
    MEMBER_ROLE_CHANGED("member.role_changed", "A member's role changed"),
    INVITATION_ACCEPTED("invitation.accepted", "An invitation was accepted"),
    API_KEY_EXPIRING("api_key.expiring", "An API key expires soon"),
    API_KEY_REVOKED("api_key.revoked", "An API key was revoked"),
    WEBHOOK_TEST("webhook.test", "A test sent from here");

    private final String type;
    private final String label;

    WebhookEvent(String type, String label) {
        this.type = type;
        this.label = label;
    }

    String type() {
        return type;
    }

    String label() {
        return label;
    }

    static Optional<WebhookEvent> of(String type) {
        return Arrays.stream(values()).filter(event -> event.type.equals(type)).findFirst();
    }
}
