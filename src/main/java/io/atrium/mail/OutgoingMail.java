package io.atrium.mail;

/** A message to send: one recipient, a subject, and the same content as plain text and as HTML. */
public record OutgoingMail(String to, String subject, String textBody, String htmlBody) {
}
