package io.atrium.testsupport;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads what the server queued in its mail outbox, as the development inbox shows it. */
public final class Outbox {

    private static final Pattern INVITATION_LINK = Pattern.compile("https?://\\S+/invitations/([A-Za-z0-9_-]+)");

    private Outbox() {
    }

    /** The token of the newest invitation link mailed to this address. */
    public static String latestInvitationToken(JdbcClient jdbc, String email) {
        String body = jdbc.sql("select text_body from mail_outbox where lower(recipient) = lower(:email) "
                        + "order by created_at desc, id desc limit 1")
                .param("email", email).query(String.class).optional()
                .orElseThrow(() -> new AssertionError("No mail to " + email));
        return invitationToken(body);
    }

    public static String invitationToken(String text) {
        Matcher link = INVITATION_LINK.matcher(text);
        if (!link.find()) {
            throw new AssertionError("No invitation link in: " + text);
        }
        return link.group(1);
    }

    public static long mailsTo(JdbcClient jdbc, String email) {
        return jdbc.sql("select count(*) from mail_outbox where lower(recipient) = lower(:email)")
                .param("email", email).query(Long.class).single();
    }
}
