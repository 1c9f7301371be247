package io.atrium.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import io.atrium.usage.UsageService.DayUsage;

/**
 * A month's lines from its recorded usage per day (exact decimals; each amount rounded once, half up):
 * <ul>
 * <li>base: 1 month at the base price;</li>
 * <li>indexed minutes: the seconds of video indexed (to the millisecond) / 60;</li>
 * <li>API calls: the calls made with the account's keys, in thousands (the price is per 1,000);</li>
 * <li>storage: GB-months, the bytes stored on each day of the month summed and divided by the month's days and by
 * 10^9; a day counts what was stored at its last change, or what the day before ended with.</li>
 * </ul>
 */
final class StatementCalculator {

    static final BigDecimal SECONDS_PER_MINUTE = BigDecimal.valueOf(60);
    static final BigDecimal CALLS_PER_PRICE = BigDecimal.valueOf(1000);
    static final BigDecimal BYTES_PER_GB = BigDecimal.TEN.pow(9);
    private static final int QUANTITY_SCALE = 6;

    private StatementCalculator() {
    }

    /**
     * @param days the month's days counted so far (all of them once it ended)
     * @param daysInMonth the month's length, which a GB-month is counted over
     */
    static List<StatementLine> lines(RateCard rates, List<DayUsage> days, int daysInMonth) {
        int digits = Money.minorDigits(rates.currency());
        long calls = 0;
        BigDecimal seconds = BigDecimal.ZERO;
        BigDecimal byteDays = BigDecimal.ZERO;
        for (DayUsage day : days) {
            calls += day.apiRequests();
            // recorded as seconds (milliseconds summed), read back as minutes: to the millisecond again
            seconds = seconds.add(BigDecimal.valueOf(day.minutesIndexed() * 60).setScale(3, RoundingMode.HALF_UP));
            byteDays = byteDays.add(BigDecimal.valueOf(day.storageBytes()));
        }
        BigDecimal monthOfGb = BYTES_PER_GB.multiply(BigDecimal.valueOf(daysInMonth));
        List<StatementLine> lines = new ArrayList<>();
        lines.add(new StatementLine(LineKind.BASE, BigDecimal.ONE, rates.basePrice(),
                Money.minor(rates.basePrice(), digits)));
        lines.add(new StatementLine(LineKind.INDEXED_MINUTES,
                seconds.divide(SECONDS_PER_MINUTE, QUANTITY_SCALE, RoundingMode.HALF_UP), rates.perIndexedMinute(),
                Money.minor(seconds.multiply(rates.perIndexedMinute()), SECONDS_PER_MINUTE, digits)));
        // in thousands, the unit the price is per: quantity × unit price is the amount before rounding
        lines.add(new StatementLine(LineKind.API_CALLS, BigDecimal.valueOf(calls, 3), rates.perThousandApiCalls(),
                Money.minor(BigDecimal.valueOf(calls).multiply(rates.perThousandApiCalls()), CALLS_PER_PRICE, digits)));
        lines.add(new StatementLine(LineKind.STORAGE, byteDays.divide(monthOfGb, QUANTITY_SCALE, RoundingMode.HALF_UP),
                rates.perGbMonth(), Money.minor(byteDays.multiply(rates.perGbMonth()), monthOfGb, digits)));
        return lines;
    }

    static long total(List<StatementLine> lines) {
        return lines.stream().mapToLong(StatementLine::amountMinor).sum();
    }

    /**
     * The month's total if usage goes on as in the days so far: the base as it is, each usage line scaled from the
     * days counted to the whole month (rounded half up to minor units).
     */
    static long projectedTotal(List<StatementLine> lines, int daysCounted, int daysInMonth) {
        long total = 0;
        for (StatementLine line : lines) {
            total += line.kind() == LineKind.BASE ? line.amountMinor()
                    : BigDecimal.valueOf(line.amountMinor()).multiply(BigDecimal.valueOf(daysInMonth))
                            .divide(BigDecimal.valueOf(daysCounted), 0, RoundingMode.HALF_UP).longValueExact();
        }
        return total;
    }
}
