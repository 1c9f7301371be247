package io.atrium.account;

import java.time.Instant;

/** A row of {@code users}, including the password hash: stays inside this package. */
record UserRow(String id, String email, String name, String passwordHash, Instant createdAt, Instant emailConfirmedAt) {

    UserView view() {
        return new UserView(id, email, name, createdAt, emailConfirmedAt != null);
    }

    @Override
    public String toString() {
        return "UserRow[id=" + id + ", email=" + email + "]";
    }
}
