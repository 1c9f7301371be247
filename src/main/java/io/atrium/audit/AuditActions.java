package io.atrium.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every action the audit log records (R-ORG-7), in words a person reads, grouped as the Audit log page's
 * filter offers them. The features that record them name the same codes.
 */
public final class AuditActions {

    /** A kind of thing acted on: its code prefix ({@code member.}) and the actions under it. */
    public record Group(String label, String prefix, List<Action> actions) {
    }

    /** One action code and its sentence, written without a subject: the "who" stands next to it. */
    public record Action(String code, String sentence) {
    }

    public static final List<Group> GROUPS = List.of(
            new Group("Organization", "organization.", List.of(
                    new Action("organization.created", "Created the organization"),
                    new Action("organization.renamed", "Renamed the organization"),
                    new Action("organization.deleted", "Deleted an organization"))),
            new Group("Plan", "account.", List.of(
                    new Action("account.plan_changed", "Changed the plan"))),
            new Group("Members", "member.", List.of(
                    new Action("member.joined", "Joined the organization"),
                    new Action("member.role_changed", "Changed a member's role"),
                    new Action("member.removed", "Removed a member"),
                    new Action("member.left", "Left the organization"))),
            new Group("Invitations", "invitation.", List.of(
                    new Action("invitation.created", "Invited someone"),
                    new Action("invitation.resent", "Sent an invitation again"),
                    new Action("invitation.revoked", "Revoked an invitation"),
                    new Action("invitation.accepted", "Accepted an invitation"))),
            new Group("API keys", "api_key.", List.of(
                    new Action("api_key.created", "Created an API key"),
                    new Action("api_key.revoked", "Revoked an API key"))),
            new Group("S3 integrations", "integration.", List.of(
                    new Action("integration.created", "Added an S3 integration"),
                    new Action("integration.updated", "Changed an S3 integration"),
                    new Action("integration.deleted", "Deleted an S3 integration"),
                    new Action("integration.import_started", "Started an import from an S3 integration"))));

    private static final Map<String, String> SENTENCES = sentences();

    private AuditActions() {
    }

    /** The sentence for an action code; an action this server version does not know reads as its code. */
    public static String sentence(String code) {
        return SENTENCES.getOrDefault(code, code);
    }

    private static Map<String, String> sentences() {
        Map<String, String> sentences = new LinkedHashMap<>();
        GROUPS.forEach(group -> group.actions().forEach(action -> sentences.put(action.code(), action.sentence())));
        return Map.copyOf(sentences);
    }
}
