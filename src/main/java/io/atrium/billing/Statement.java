package io.atrium.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * An account's statement for a UTC month: open (the current month so far, or a month that ended and is not closed
 * yet), or closed and frozen.
 *
 * @param through the last day counted: the month's last day, or today in an open month
 * @param projectedTotalMinor the open month's total if its usage goes on as so far; null once closed
 * @param contact the billing contact, as now (open) or as at the close
 * @param closedAt null while open
 */
public record Statement(String accountId, YearMonth month, String plan, String currency, List<StatementLine> lines,
        long totalMinor, Long projectedTotalMinor, LocalDate through, BillingContact contact, Instant closedAt) {

    private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    public boolean closed() {
        return closedAt != null;
    }

    public String status() {
        return closed() ? "closed" : "open";
    }

    /** {@code December 2026}. */
    public String monthName() {
        return month.format(MONTH_NAME);
    }

    public int minorDigits() {
        return Money.minorDigits(currency);
    }

    public String amount(long minor) {
        return Money.format(minor, minorDigits());
    }

    public String totalText() {
        return amount(totalMinor);
    }

    public String projectedTotalText() {
        return projectedTotalMinor == null ? null : amount(projectedTotalMinor);
    }

    /** The Usage page over the month's days, where each line's usage is shown per day. */
    public String usagePath() {
        return "/settings/usage?from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
    }
}
