package io.atrium.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The defaults live in the record's annotations, and a value that makes no sense stops the start. */
class InvitationPropertiesTest {

    @EnableConfigurationProperties(InvitationProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void unsetSettingsTakeTheirDefaults() {
        context.run(started -> assertThat(started.getBean(InvitationProperties.class))
                .isEqualTo(new InvitationProperties(50, 3, Duration.ofDays(7))));
    }

    @Test
    void aZeroLimitIsRefusedRatherThanReplaced() {
        context.withPropertyValues("atrium.invitations.max-per-day=0")
                .run(started -> assertThat(started.getStartupFailure()).hasStackTraceContaining("maxPerDay"));
    }
}
