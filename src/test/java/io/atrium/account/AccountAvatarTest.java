package io.atrium.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The look of an account's avatar: its kind gives the shape, its id the colour (issue 15 item 8). */
class AccountAvatarTest {

    private static AccountView account(String id, AccountKind kind, String name) {
        return new AccountView(id, kind, name, "free", Instant.EPOCH, false);
    }

    @Test
    void aPersonIsRoundAndAnOrganizationSquareThoughTheirInitialsAreTheSame() {
        AccountView person = account("0f1e2d3c4b5a69788796a5b4", AccountKind.PERSONAL, "Bob Builder");
        AccountView organization = account("1a2b3c4d5e6f708192a3b4c5", AccountKind.ORGANIZATION, "Bob's Builders");

        assertThat(person.initials()).isEqualTo(organization.initials());
        assertThat(person.avatarClass()).startsWith("avatar-personal avatar-c");
        assertThat(organization.avatarClass()).startsWith("avatar-organization avatar-c");
    }

    @Test
    void theColourFollowsTheIdNotTheNameAndEveryColourIsUsed() {
        AccountView before = account("66a0c0ffee0000000000beef", AccountKind.ORGANIZATION, "Acme");
        AccountView renamed = account("66a0c0ffee0000000000beef", AccountKind.ORGANIZATION, "Acme Studios");
        assertThat(renamed.avatarClass()).isEqualTo(before.avatarClass());

        assertThat(IntStream.range(0, 500).mapToObj(i -> account("account-" + i, AccountKind.PERSONAL, "A").avatarClass())
                .distinct()).hasSize(AccountView.AVATAR_COLOURS);
    }
}
