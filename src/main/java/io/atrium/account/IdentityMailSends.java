package io.atrium.account;

import static io.atrium.shared.SqlTime.utc;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.atrium.shared.EmailAddresses;
import io.atrium.shared.Ids;

/**
 * The identity mails sent (confirmations, resets, notices), counted per address and per client so that nobody can
 * flood a mailbox or the outbox through these forms; in the database, so every node counts the same.
 */
@Repository
class IdentityMailSends {

    private final JdbcClient jdbc;

    IdentityMailSends(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String email, String client, IdentityMailKind purpose, Instant now) {
        jdbc.sql("""
                insert into identity_mail_sends (id, email_key, client, purpose, sent_at)
                values (:id, :emailKey, :client, :purpose, :now)""")
                .param("id", Ids.newId(now)).param("emailKey", EmailAddresses.key(email)).param("client", client)
                .param("purpose", purpose.value()).param("now", utc(now))
                .update();
    }

    long toAddressSince(String email, IdentityMailKind purpose, Instant since) {
        return jdbc.sql("select count(*) from identity_mail_sends where email_key = :emailKey and purpose = :purpose "
                        + "and sent_at > :since")
                .param("emailKey", EmailAddresses.key(email)).param("purpose", purpose.value()).param("since", utc(since))
                .query(Long.class).single();
    }

    long forClientSince(String client, Instant since) {
        return jdbc.sql("select count(*) from identity_mail_sends where client = :client and sent_at > :since")
                .param("client", client).param("since", utc(since))
                .query(Long.class).single();
    }
}
