package io.atrium.account;

import static io.atrium.shared.SqlTime.utc;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The single-use links of {@code user_tokens}, found by the SHA-256 hash of their token. */
@Repository
class UserTokenRepository {

    /** A usable link: who it is for and the address it proves. */
    record UserToken(String userId, String email) {
    }

    private final JdbcClient jdbc;

    UserTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String tokenHash, String userId, TokenPurpose purpose, String email, Instant now) {
        jdbc.sql("""
                insert into user_tokens (token_hash, user_id, purpose, email, created_at, expires_at)
                values (:hash, :userId, :purpose, :email, :now, :expires)""")
                .param("hash", tokenHash).param("userId", userId).param("purpose", purpose.value())
                .param("email", email).param("now", utc(now)).param("expires", utc(now.plus(purpose.validity())))
                .update();
    }

    /** The token, if it is for this purpose, unused and unexpired. */
    Optional<UserToken> findUsable(String tokenHash, TokenPurpose purpose, Instant now) {
        return jdbc.sql("""
                select user_id, email from user_tokens
                where token_hash = :hash and purpose = :purpose and used_at is null and expires_at > :now""")
                .param("hash", tokenHash).param("purpose", purpose.value()).param("now", utc(now))
                .query((rs, row) -> new UserToken(rs.getString("user_id"), rs.getString("email"))).optional();
    }

    /** Uses the token: of two requests racing with one link, exactly one gets true. */
    boolean use(String tokenHash, TokenPurpose purpose, Instant now) {
        return jdbc.sql("""
                update user_tokens set used_at = :now
                where token_hash = :hash and purpose = :purpose and used_at is null and expires_at > :now""")
                .param("hash", tokenHash).param("purpose", purpose.value()).param("now", utc(now))
                .update() == 1;
    }

    /** Ends every unused link of the user for this purpose: a newer one, or what it was for, replaced them. */
    void useAll(String userId, TokenPurpose purpose, Instant now) {
        jdbc.sql("update user_tokens set used_at = :now where user_id = :userId and purpose = :purpose and used_at is null")
                .param("userId", userId).param("purpose", purpose.value()).param("now", utc(now))
                .update();
    }

    /** The address of the user's newest pending email change, if any. */
    Optional<String> pendingEmailChange(String userId, Instant now) {
        return jdbc.sql("""
                select email from user_tokens
                where user_id = :userId and purpose = :purpose and used_at is null and expires_at > :now
                order by created_at desc limit 1""")
                .param("userId", userId).param("purpose", TokenPurpose.CHANGE_EMAIL.value()).param("now", utc(now))
                .query(String.class).optional();
    }
}
