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
