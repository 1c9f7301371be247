package io.atrium.invitation;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.shared.Actor;
import io.atrium.shared.InvalidInputException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /api/v1/invitations}: the same rules as Settings > Members > Invite (R-INV-*), for admins. */
@ApiController
@RequestMapping("/api/v1/invitations")
class InvitationsApiController {

    record InviteRequest(List<String> emails, String role) {
    }

    record OutcomeJson(String email, String result, String message) {
    }

    record InviteResponse(List<OutcomeJson> results) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record InvitationJson(@JsonProperty("_id") String id, String email, String role,
            String invitedBy, Instant createdAt,
            Instant sentAt, Instant expiresAt, InvitationStatus status,
            String emailDelivery) {

        static InvitationJson of(InvitationView view) {
            return new InvitationJson(view.id(), view.email(), view.role().value(), view.invitedBy(), view.createdAt(),
                    view.lastSentAt(), view.expiresAt(),
                    view.expired() ? InvitationStatus.EXPIRED : InvitationStatus.PENDING,
                    view.delivery() == null ? null : view.delivery().status().value());
        }
    }

    private final InvitationService invitations;

    InvitationsApiController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @GetMapping
    ApiPage<InvitationJson> list(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption) {
        return ApiPage.of(invitations.pending(actor).stream().map(InvitationJson::of).toList(),
                page, pageLimit, sortBy, sortOption, InvitationJson::createdAt, InvitationJson::sentAt);
    }

    @PostMapping
    InviteResponse invite(Actor actor, @RequestBody InviteRequest request) {
        if (request.emails() == null || request.emails().isEmpty()) {
            throw new InvalidInputException("emails", "parameter_not_provided", "emails must list at least one address.");
        }
        if (request.role() == null) {
            throw new InvalidInputException("role", "parameter_not_provided", "role is required: admin or member.");
        }
        // Each element is one address: commas or spaces inside one would smuggle in more.
        boolean oneAddressEach = request.emails().stream().allMatch(email -> email != null && !email.strip().isEmpty()
                && email.strip().chars().noneMatch(c -> c == ',' || c == ';' || Character.isWhitespace(c)));
        if (!oneAddressEach) {
            throw new InvalidInputException("emails", "parameter_invalid", "Each element of emails must be one address.");
        }
        List<InviteOutcome> outcomes = invitations.invite(actor,
                String.join(",", request.emails()), request.role());
        return new InviteResponse(outcomes.stream()
                .map(o -> new OutcomeJson(o.email(), o.result().name().toLowerCase(java.util.Locale.ROOT), o.message()))
                .toList());
    }

    @PostMapping("/{id}/resend")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void resend(Actor actor, @PathVariable String id) {
        invitations.resend(actor, id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Actor actor, @PathVariable String id) {
        invitations.revoke(actor, id);
    }
}
