package io.atrium.mail;

/**
 * A message to send: one recipient, a subject, and the same content as plain text and as HTML.
 *
 * @param holdsSecret whether the body carries a secret, such as a single-use link: once the message has left over
 *     SMTP (or been given up on), its body is cleared from the outbox
 */
public record OutgoingMail(String to, String subject, String textBody, String htmlBody, boolean holdsSecret) {
}
