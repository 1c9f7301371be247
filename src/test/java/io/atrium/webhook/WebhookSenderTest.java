package io.atrium.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atrium.shared.InvalidInputException;

/** The sender on its own: addresses the policy refuses are never connected to, whatever the URL said at creation. */
class WebhookSenderTest {

    static WebhookProperties properties(List<String> allowed) {
        return new WebhookProperties(allowed, Duration.ofSeconds(2), Duration.ofSeconds(2), List.of(Duration.ofSeconds(5)),
                Duration.ofDays(1), Duration.ofDays(30));
    }

    @Test
    void aLoopbackReceiverIsNotConnectedToUnlessTheAllowListNamesIt() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            WebhookSender refusing = new WebhookSender(properties(List.of()));
            WebhookSender.Outcome refused = refusing.send(receiver.url(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "msg_1", Instant.now(), "{}");
            refusing.destroy();

            assertThat(refused.succeeded()).isFalse();
            assertThat(refused.code()).isNull();
            assertThat(refused.error()).contains("private addresses");
            assertThat(receiver.received()).isEmpty();

            WebhookSender allowing = new WebhookSender(properties(List.of("127.0.0.0/8")));
            assertThat(allowing.send(receiver.url(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", Instant.now(),
                    "{}").code()).isEqualTo(200);
            allowing.destroy();
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void aHostNameThatResolvesToLoopbackIsRefusedAtCreation() {
        WebhookSender refusing = new WebhookSender(properties(List.of()));
        assertThatThrownBy(() -> refusing.check("http://localhost:8080/hooks"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.hasCode("webhook_url_blocked")).isTrue());
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (Receiver receiver = Receiver.answering(307)) {
            WebhookSender sender = new WebhookSender(properties(List.of("127.0.0.1")));
            WebhookSender.Outcome outcome = sender.send(receiver.url(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "msg_1", Instant.now(), "{}");
            sender.destroy();
            assertThat(outcome.succeeded()).isFalse();
            assertThat(outcome.code()).isEqualTo(307);
        }
    }
}
