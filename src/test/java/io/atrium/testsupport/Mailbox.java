package io.atrium.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a test reads the mail a user received: the server's outbox in development mode (bodies stay there, as the
 * development inbox shows them), or the SMTP server of tests that configure one (bodies with links leave the outbox).
 */
@FunctionalInterface
public interface Mailbox {

    /** The plain-text body of the newest message to this address whose subject contains {@code subject}, if any. */
    Optional<String> newestText(String email, String subject) throws Exception;

    /**
     * The path of the first link under {@code pathPrefix} (such as {@code /confirm-email/}) in the newest message with
     * that subject, waiting for the message to arrive.
     */
    default String awaitLink(String email, String subject, String pathPrefix) {
        Pattern link = link(pathPrefix);
        // the mail is usually there already: look at once, then often
        String text = await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                .until(() -> newestText(email, subject).orElse(null), body -> body != null && link.matcher(body).find());
        Matcher found = link.matcher(text);
        found.find();
        return found.group(1);
    }

    /** A link of a mail whose path starts with {@code pathPrefix} and ends in a token; group 1 is its path. */
    static Pattern link(String pathPrefix) {
        return Pattern.compile("https?://[^/\\s]+(" + Pattern.quote(pathPrefix) + "[A-Za-z0-9_-]+)");
    }

    /** The outbox of a server in development mode. */
    static Mailbox outbox(JdbcClient jdbc) {
        return (email, subject) -> jdbc.sql("select text_body from mail_outbox where lower(recipient) = lower(:email) "
                        + "and subject like :subject order by created_at desc, id desc limit 1")
                .param("email", email).param("subject", "%" + subject + "%").query(String.class).optional();
    }
}
