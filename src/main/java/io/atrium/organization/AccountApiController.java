package io.atrium.organization;

import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.atrium.account.AccountService;
import io.atrium.account.AccountView;
import io.atrium.api.ApiController;
import io.atrium.shared.Actor;
import io.atrium.shared.NotFoundException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /api/v1/account}: the key's account and the caller's role in it. */
@ApiController
class AccountApiController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AccountJson(@JsonProperty("_id") String id, String kind, String name, String initials, String plan,
            Instant createdAt, String role) {
    }

    private final AccountService accounts;

    AccountApiController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/account")
    AccountJson account(Actor actor) {
        // as recent as the key's own facts (its role, its revocation): a database read a second, not one a call
        AccountView account = accounts.recentAccount(actor.accountId()).orElseThrow(() -> new NotFoundException("Account"));
        return new AccountJson(account.id(), account.kind().value(), account.name(), account.initials(), account.plan(),
                account.createdAt(), (actor.admin() ? Role.ADMIN : Role.MEMBER).value());
    }
}
