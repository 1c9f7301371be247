package io.atrium.shared;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The condition of a filtered list, built from fixed SQL fragments joined with {@code and}. Every value a caller
 * gave is a bound parameter, never part of the SQL text; only column names the repository chose go into it.
 */
public final class Where {

    private final StringBuilder sql;
    private final Map<String, Object> params = new HashMap<>();
    private int bound;

    private Where(String clause) {
        this.sql = new StringBuilder(clause);
    }

    /** Starts with the condition every row of the list meets, such as being the account's. */
    public static Where of(String clause) {
        return new Where(clause);
    }

    /** Binds a parameter that a clause names itself, such as {@code :accountId}. */
    public Where param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** Adds a clause; its values go in with {@link #param} or {@link #bind}. */
    public Where and(String clause) {
        sql.append(" and ").append(clause);
        return this;
    }

    /** Adds {@code column = value}, or nothing when the value is {@code null}: that filter was left out. */
    public Where equal(String column, Object value) {
        return value == null ? this : and(column + " = " + bind(value));
    }

    /** Adds that the timestamp column is at or after the time, when one is given. */
    public Where atOrAfter(String column, Instant time) {
        return time == null ? this : and(column + " >= " + bind(SqlTime.utc(time)));
    }

    /** Binds the value under a new name and returns its placeholder (such as {@code :p0}) to write into a clause. */
    public String bind(Object value) {
        String name = "p" + bound++;
        params.put(name, value);
        return ":" + name;
    }

    public String sql() {
        return sql.toString();
    }

    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }
}
