package io.atrium.account;

import static io.atrium.shared.SqlTime.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A user's two-factor secret (sealed) and recovery codes (hashed). Every query is by the user's id. */
@Repository
class TwoFactorRepository {

    /** @param enabled false while the user has not yet confirmed a first code */
    record TwoFactorRow(String userId, String secretSealed, boolean enabled) {

        @Override
        public String toString() {
            return "TwoFactorRow[userId=" + userId + ", enabled=" + enabled + "]";
        }
    }

    private final JdbcClient jdbc;

    TwoFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TwoFactorRow> find(String userId) {
        return jdbc.sql("select user_id, secret_sealed, enabled_at from two_factor where user_id = :userId")
                .param("userId", userId)
                .query(TwoFactorRepository::map)
                .optional();
    }

    /** A new secret to confirm, replacing one not confirmed yet; does nothing when two-factor is on. */
    void startSetUp(String userId, String secretSealed, Instant now) {
        jdbc.sql("delete from two_factor where user_id = :userId and enabled_at is null").param("userId", userId).update();
        jdbc.sql("""
                insert into two_factor (user_id, secret_sealed, created_at)
                select :userId, :secret, :now
                where not exists (select 1 from two_factor where user_id = :userId)""")
                .param("userId", userId).param("secret", secretSealed).param("now", utc(now))
                .update();
    }

    /** Turns two-factor on with the confirmed secret; false when it was on already (a second confirmation). */
    boolean enable(String userId, long confirmedStep, Instant now) {
        return jdbc.sql("""
                update two_factor set enabled_at = :now, last_used_step = :step
                where user_id = :userId and enabled_at is null""")
                .param("userId", userId).param("step", confirmedStep).param("now", utc(now))
                .update() == 1;
    }

    /**
     * Records that the code of this step was used, if no code of this step or a later one was: one statement, so
     * two requests with the same code (on any nodes) cannot both succeed.
     */
    boolean useStep(String userId, long step) {
        return jdbc.sql("""
                update two_factor set last_used_step = :step
                where user_id = :userId and enabled_at is not null
                and (last_used_step is null or last_used_step < :step)""")
                .param("userId", userId).param("step", step)
                .update() == 1;
    }

    void delete(String userId) {
        jdbc.sql("delete from recovery_codes where user_id = :userId").param("userId", userId).update();
        jdbc.sql("delete from two_factor where user_id = :userId").param("userId", userId).update();
    }

    void replaceRecoveryCodes(String userId, List<String> codeHashes) {
        jdbc.sql("delete from recovery_codes where user_id = :userId").param("userId", userId).update();
        for (String hash : codeHashes) {
            jdbc.sql("insert into recovery_codes (user_id, code_hash) values (:userId, :hash)")
                    .param("userId", userId).param("hash", hash).update();
        }
    }

    /** Marks the code used if it is one of the user's and unused; one statement, so it works once only. */
    boolean useRecoveryCode(String userId, String codeHash, Instant now) {
        return jdbc.sql("""
                update recovery_codes set used_at = :now
                where user_id = :userId and code_hash = :hash and used_at is null""")
                .param("userId", userId).param("hash", codeHash).param("now", utc(now))
                .update() == 1;
    }

    int unusedRecoveryCodes(String userId) {
        return jdbc.sql("select count(*) from recovery_codes where user_id = :userId and used_at is null")
                .param("userId", userId).query(Integer.class).single();
    }

    /** Those of the users who log in with two factors. */
    Set<String> enabledAmong(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select user_id from two_factor where user_id in (:ids) and enabled_at is not null")
                .param("ids", userIds).query(String.class).list());
    }

    /** Every user's row: for sealing the secrets again after the master key changed. */
    List<TwoFactorRow> all() {
        return jdbc.sql("select user_id, secret_sealed, enabled_at from two_factor")
                .query(TwoFactorRepository::map)
                .list();
    }

    void replaceSealedSecret(String userId, String secretSealed) {
        jdbc.sql("update two_factor set secret_sealed = :secret where user_id = :userId")
                .param("userId", userId).param("secret", secretSealed).update();
    }

    private static TwoFactorRow map(ResultSet rs, int row) throws SQLException {
        return new TwoFactorRow(rs.getString("user_id"), rs.getString("secret_sealed"), rs.getObject("enabled_at") != null);
    }
}
