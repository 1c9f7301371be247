package io.atrium.usage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** One row per account and day; every node adds to it. */
@Repository
class UsageRepository {

    record DayRow(LocalDate day, long apiRequests, long tasks, double secondsIndexed, Long storageBytes) {
    }

    /**
     * A caller's requests on a day, with the names they have now (null once the member or key is gone).
     *
     * @param groupId the member's user id, or the key's row id
     */
    record CallerDayRow(LocalDate day, String groupId, String name, String detail, long apiRequests) {
    }

    private final JdbcClient jdbc;

    UsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds to the day's counters, making the row first if needed. Each call is its own transaction, so a row made
     * at the same moment by another node (a duplicate key) costs a retry, never someone else's work.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void add(String accountId, LocalDate day, long apiRequests, long tasks, double secondsIndexed) {
        if (addToExisting(accountId, day, apiRequests, tasks, secondsIndexed) == 0) {
            insertRow(accountId, day);
            addToExisting(accountId, day, apiRequests, tasks, secondsIndexed);
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void setStorage(String accountId, LocalDate day, long bytes) {
        if (jdbc.sql("update usage_daily set storage_bytes = :bytes where account_id = :accountId and usage_day = :day")
                .param("bytes", bytes).param("accountId", accountId).param("day", day).update() == 0) {
            insertRow(accountId, day);
            jdbc.sql("update usage_daily set storage_bytes = :bytes where account_id = :accountId and usage_day = :day")
                    .param("bytes", bytes).param("accountId", accountId).param("day", day).update();
        }
    }

    /** Like {@link #add}, for one caller's requests. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void addForCaller(String accountId, LocalDate day, String userId, String apiKeyId, long apiRequests) {
        String update = """
                update usage_daily_callers set api_requests = api_requests + :requests
                where account_id = :accountId and usage_day = :day and user_id = :userId and api_key_id = :keyId""";
        if (jdbc.sql(update).param("requests", apiRequests).param("accountId", accountId).param("day", day)
                .param("userId", userId).param("keyId", apiKeyId).update() == 0) {
            jdbc.sql("""
                    insert into usage_daily_callers (account_id, usage_day, user_id, api_key_id, api_requests)
                    values (:accountId, :day, :userId, :keyId, :requests)""")
                    .param("requests", apiRequests).param("accountId", accountId).param("day", day)
                    .param("userId", userId).param("keyId", apiKeyId).update();
        }
    }

    /**
     * Requests per day and member (or key) of the account. Reads the names from {@code users} and {@code api_keys}
     * with plain read SQL, as the audit log does, so this feature needs neither the account nor the key feature.
     */
    List<CallerDayRow> byCaller(String accountId, LocalDate from, LocalDate to, boolean byKey) {
        String sql = byKey ? """
                select c.usage_day, c.api_key_id as group_id, k.name as name, k.key_id as detail,
                       sum(c.api_requests) as api_requests
                from usage_daily_callers c left join api_keys k on k.id = c.api_key_id and k.account_id = c.account_id
                where c.account_id = :accountId and c.usage_day between :from and :to
                group by c.usage_day, c.api_key_id, k.name, k.key_id"""
                : """
                select c.usage_day, c.user_id as group_id, u.name as name, u.email as detail,
                       sum(c.api_requests) as api_requests
                from usage_daily_callers c left join users u on u.id = c.user_id
                where c.account_id = :accountId and c.usage_day between :from and :to
                group by c.usage_day, c.user_id, u.name, u.email""";
        return jdbc.sql(sql).param("accountId", accountId).param("from", from).param("to", to)
                .query((rs, row) -> new CallerDayRow(rs.getObject("usage_day", LocalDate.class), rs.getString("group_id"),
                        rs.getString("name"), rs.getString("detail"), rs.getLong("api_requests")))
                .list();
    }

    List<DayRow> between(String accountId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select usage_day, api_requests, tasks, seconds_indexed, storage_bytes from usage_daily
                where account_id = :accountId and usage_day between :from and :to order by usage_day""")
                .param("accountId", accountId).param("from", from).param("to", to)
                .query(UsageRepository::map).list();
    }

    /** The stored bytes as last recorded before a day: what a range that starts quietly begins with. */
    Optional<Long> storageBefore(String accountId, LocalDate day) {
        return jdbc.sql("""
                select storage_bytes from usage_daily where account_id = :accountId and usage_day < :day
                  and storage_bytes is not null order by usage_day desc limit 1""")
                .param("accountId", accountId).param("day", day).query(Long.class).optional();
    }

    private int addToExisting(String accountId, LocalDate day, long apiRequests, long tasks, double secondsIndexed) {
        return jdbc.sql("""
                update usage_daily set api_requests = api_requests + :requests, tasks = tasks + :tasks,
                    seconds_indexed = seconds_indexed + :seconds
                where account_id = :accountId and usage_day = :day""")
                .param("requests", apiRequests).param("tasks", tasks).param("seconds", secondsIndexed)
                .param("accountId", accountId).param("day", day)
                .update();
    }

    /**
     * A row made at the same moment by another node fails with a duplicate key, which on PostgreSQL ends the
     * transaction; UsageRecorder then retries the whole write in a new one.
     */
    private void insertRow(String accountId, LocalDate day) {
        jdbc.sql("insert into usage_daily (account_id, usage_day) values (:accountId, :day)")
                .param("accountId", accountId).param("day", day).update();
    }

    private static DayRow map(ResultSet rs, int row) throws SQLException {
        return new DayRow(rs.getObject("usage_day", LocalDate.class), rs.getLong("api_requests"), rs.getLong("tasks"),
                rs.getDouble("seconds_indexed"), rs.getObject("storage_bytes", Long.class));
    }
}
