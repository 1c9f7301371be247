package io.atrium.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.atrium.shared.InvalidInputException;

class PasswordPolicyTest {

    private static final CommonPasswords COMMON = new CommonPasswords();
    private final PasswordPolicy policy = new PasswordPolicy(COMMON);

    @Test
    void theCommonPasswordListIsLoadedWhole() {
        assertThat(COMMON.size()).isGreaterThan(29_000);
    }

    @Test
    void commonPasswordsAreRejectedInAnyCase() {
        assertThat(COMMON.contains("password")).isTrue();
        assertThat(COMMON.contains("PassWord")).isTrue();
        assertThatThrownBy(() -> policy.require("password", "Sunshine1", "x@example.com"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).problems().get(0).code())
                .isEqualTo("password_too_common");
    }

    @Test
    void lengthIsCountedInCharactersNotBytes() {
        assertThat(policy.require("password", "ééééééé€", null)).hasSize(8);
        assertThatThrownBy(() -> policy.require("password", "1234567", null))
                .hasMessage("Use at least 8 characters.");
        assertThatThrownBy(() -> policy.require("password", "a".repeat(129), null))
                .hasMessage("Use at most 128 characters.");
    }

    @Test
    void noCompositionRulesApply() {
        assertThat(policy.require("password", "lowercase only phrase", null)).isEqualTo("lowercase only phrase");
    }

    @Test
    void theEmailAddressCannotBeThePassword() {
        assertThatThrownBy(() -> policy.require("password", "Kim.Doe@Example.com", "kim.doe@example.com"))
                .hasMessage("Don't use your email address as your password.");
    }
}
