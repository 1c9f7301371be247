package io.atrium.mail;

import java.time.Instant;

/**
 * Where a message stands, for the people waiting on it (admins watching an invitation).
 *
 * @param status {@code queued}, {@code retrying}, {@code sent}, {@code in development inbox} or {@code failed}
 */
public record MailState(String status, int attempts, String lastError, Instant sentAt) {
}
