package io.atrium.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.atrium.shared.InvalidInputException;

/** An account's usage per UTC day over a date range, every day present (days without activity count zero). */
@Service
public class UsageService {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    /** One day of usage; storage carries forward from the last day it changed. */
    public record DayUsage(LocalDate day, long apiRequests, long tasks, double minutesIndexed, long storageBytes) {
    }

    public record UsageReport(LocalDate from, LocalDate to, List<DayUsage> days) {

        public long apiRequests() {
            return days.stream().mapToLong(DayUsage::apiRequests).sum();
        }

        public long tasks() {
            return days.stream().mapToLong(DayUsage::tasks).sum();
        }

        public double minutesIndexed() {
            return days.stream().mapToDouble(DayUsage::minutesIndexed).sum();
        }

        public long storageBytes() {
            return days.isEmpty() ? 0 : days.get(days.size() - 1).storageBytes();
        }
    }

    /** How {@code group_by} splits the API requests: by the member who created the key, or by the key. */
    public enum GroupBy {
        MEMBER("member"), API_KEY("api_key");

        private final String value;

        GroupBy(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** @return null for a blank value (no grouping) */
        public static GroupBy parse(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            for (GroupBy groupBy : values()) {
                if (groupBy.value.equals(value.strip())) {
                    return groupBy;
                }
            }
            throw new InvalidInputException("group_by", "parameter_invalid",
                    "Group by member or api_key, or leave group_by out.");
        }
    }

    /**
     * One member's (or key's) API requests over the report's days.
     *
     * @param id the member's user id, or the key's id
     * @param name their name now; null once the member or key no longer exists
     * @param detail the member's email, or the key's prefix ({@code atk_…}); null like the name
     * @param days newest first, only days with requests
     */
    public record CallerUsage(String id, String name, String detail, long apiRequests, List<CallerDay> days) {
    }

    public record CallerDay(LocalDate day, long apiRequests) {
    }

    /**
     * A row of the per-day table, newest first: one day with activity, or a run of quiet days (no requests, tasks or
     * indexing) collapsed into one row.
     */
    public record DayRow(DayUsage day, LocalDate quietFrom, LocalDate quietTo, long quietDays) {

        public boolean quiet() {
            return day == null;
        }
    }

    private final UsageRepository usage;
    private final Clock clock;

    UsageService(UsageRepository usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * @param from first day ({@code 2026-11-01}); default 29 days before {@code to}
     * @param to last day; default today (UTC)
     * @throws InvalidInputException for a malformed date, {@code from} after {@code to}, or over a year
     */
    public UsageReport report(String accountId, String from, String to) {
        LocalDate last = to == null || to.isBlank() ? LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) : day("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : day("from", from);
        if (first.isAfter(last)) {
            // Said in words, as people read it on Settings > Usage; programs have the field and the code.
            throw new InvalidInputException("from", "parameter_invalid", "The start date must be on or before the end date.");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw new InvalidInputException("from", "parameter_invalid", "Ask for at most " + MAX_DAYS + " days at a time.");
        }
        Map<LocalDate, UsageRepository.DayRow> rows = new HashMap<>();
        usage.between(accountId, first, last).forEach(row -> rows.put(row.day(), row));
        long storage = usage.storageBefore(accountId, first).orElse(0L);
        List<DayUsage> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            UsageRepository.DayRow row = rows.get(day);
            if (row != null && row.storageBytes() != null) {
                storage = row.storageBytes();
            }
            days.add(row == null ? new DayUsage(day, 0, 0, 0, storage)
                    : new DayUsage(day, row.apiRequests(), row.tasks(), row.secondsIndexed() / 60.0, storage));
        }
        return new UsageReport(first, last, days);
    }

    /** The report's callers, busiest first, each with their days newest first. */
    public List<CallerUsage> byCaller(String accountId, UsageReport report, GroupBy groupBy) {
        Map<String, List<UsageRepository.CallerDayRow>> rows = new java.util.LinkedHashMap<>();
        usage.byCaller(accountId, report.from(), report.to(), groupBy == GroupBy.API_KEY)
                .forEach(row -> rows.computeIfAbsent(row.groupId(), id -> new ArrayList<>()).add(row));
        return rows.values().stream().map(days -> {
            UsageRepository.CallerDayRow first = days.get(0);
            String detail = first.detail() == null || groupBy == GroupBy.MEMBER ? first.detail() : "atk_" + first.detail();
            return new CallerUsage(first.groupId(), first.name(), detail,
                    days.stream().mapToLong(UsageRepository.CallerDayRow::apiRequests).sum(),
                    days.stream().sorted(java.util.Comparator.comparing(UsageRepository.CallerDayRow::day).reversed())
                            .map(row -> new CallerDay(row.day(), row.apiRequests())).toList());
        }).sorted(java.util.Comparator.comparingLong(CallerUsage::apiRequests).reversed()
                .thenComparing(CallerUsage::id)).toList();
    }

    /** The report's days newest first, with each run of two or more quiet days as one row. */
    public static List<DayRow> newestFirstCollapsed(UsageReport report) {
        List<DayRow> rows = new ArrayList<>();
        List<DayUsage> days = report.days();
        int i = days.size() - 1;
        while (i >= 0) {
            int j = i;
            while (j >= 0 && quiet(days.get(j))) {
                j--;
            }
            int quietRun = i - j;
            if (quietRun >= 2) {
                rows.add(new DayRow(null, days.get(j + 1).day(), days.get(i).day(), quietRun));
                i = j;
            } else {
                rows.add(new DayRow(days.get(i), null, null, 0));
                i--;
            }
        }
        return rows;
    }

    private static boolean quiet(DayUsage day) {
        return day.apiRequests() == 0 && day.tasks() == 0 && day.minutesIndexed() == 0;
    }

    private static LocalDate day(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "parameter_invalid",
                    (field.equals("from") ? "The start date" : "The end date") + " must be a date such as 2026-11-01.");
        }
    }
}
