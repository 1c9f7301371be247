package io.atrium.organization;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import io.atrium.api.ApiController;
import io.atrium.api.ApiPage;
import io.atrium.shared.Actor;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /api/v1/members}: the same rules as Settings > Members (R-ORG-3…5). */
@ApiController
@RequestMapping("/api/v1/members")
class MembersApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberJson(String userId, String name, String email, String role,
            Instant joinedAt, boolean twoFactorEnabled) {

        static MemberJson of(MemberView member) {
            return new MemberJson(member.user().id(), member.user().name(), member.user().email(),
                    member.role().value(), member.joinedAt(), member.twoFactor());
        }
    }

    record RoleChange(String role) {
    }

    private final OrganizationService organizations;

    MembersApiController(OrganizationService organizations) {
        this.organizations = organizations;
    }

    @GetMapping
    ApiPage<MemberJson> list(Actor actor, @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_limit", required = false) Integer pageLimit,
            @RequestParam(name = "sort_by", required = false) String sortBy,
            @RequestParam(name = "sort_option", required = false) String sortOption) {
        return ApiPage.of(organizations.members(actor).stream().map(MemberJson::of).toList(),
                page, pageLimit, sortBy, sortOption, MemberJson::joinedAt, MemberJson::joinedAt);
    }

    @PatchMapping("/{userId}")
    MemberJson changeRole(Actor actor, @PathVariable String userId,
            @RequestBody RoleChange change) {
        organizations.changeRole(actor, userId, Role.parse("role", change.role()));
        return MemberJson.of(organizations.member(actor, userId));
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Actor actor, @PathVariable String userId) {
        // An organization key names its creator as its user, but removing them is no leaving.
        if (!actor.organizationKey() && userId.equals(actor.userId())) {
            organizations.leave(actor);
        } else {
            organizations.remove(actor, userId);
        }
    }
}
