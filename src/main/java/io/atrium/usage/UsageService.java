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

    private static LocalDate day(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "parameter_invalid",
                    (field.equals("from") ? "The start date" : "The end date") + " must be a date such as 2026-11-01.");
        }
    }
}
