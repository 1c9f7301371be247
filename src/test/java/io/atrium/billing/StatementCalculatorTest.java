package io.atrium.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.atrium.usage.UsageService.DayUsage;

/** A month's lines from usage per day: exact decimals, each amount rounded once, half up, in minor units. */
class StatementCalculatorTest {

    static final RateCard PRICES = new RateCard("developer", "USD", new BigDecimal("12.50"), new BigDecimal("0.0125"),
            new BigDecimal("0.40"), new BigDecimal("0.023"));

    @Test
    void linesCountTheMonthsUsageAtTheRateCardAndRoundEachAmountHalfUpOnce() {
        // 30 days: 1,250 calls and 3 minutes 30.5 s indexed on day 1, 2 GB stored from day 16 on
        List<DayUsage> days = new ArrayList<>();
        for (int day = 1; day <= 30; day++) {
            days.add(new DayUsage(LocalDate.of(2026, 11, day), day == 1 ? 1250 : 0, 0,
                    day == 1 ? 210.5 / 60.0 : 0, day >= 16 ? 2_000_000_000L : 0));
        }

        List<StatementLine> lines = StatementCalculator.lines(PRICES, days, 30);

        assertThat(lines).extracting(StatementLine::kind).containsExactly(LineKind.BASE, LineKind.INDEXED_MINUTES,
                LineKind.API_CALLS, LineKind.STORAGE);
        assertThat(lines.get(0).amountMinor()).isEqualTo(1250);
        // 210.5 s = 3.508333 min; 210.5 × 0.0125 / 60 = 0.043854… → 0.04
        assertThat(lines.get(1).quantity()).isEqualByComparingTo("3.508333");
        assertThat(lines.get(1).amountMinor()).isEqualTo(4);
        // 1,250 calls × 0.40 / 1,000 = 0.50
        assertThat(lines.get(2).quantity()).isEqualByComparingTo("1.25");
        assertThat(lines.get(2).amountMinor()).isEqualTo(50);
        // 2 GB for 15 of 30 days = 1 GB-month × 0.023 = 0.023 → 0.02
        assertThat(lines.get(3).quantity()).isEqualByComparingTo("1");
        assertThat(lines.get(3).amountMinor()).isEqualTo(2);
        assertThat(StatementCalculator.total(lines)).isEqualTo(1250 + 4 + 50 + 2);
    }

    @Test
    void halfACentRoundsUp() {
        RateCard prices = new RateCard("free", "USD", BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.005"),
                BigDecimal.ZERO);
        // 1,000 calls × 0.005 / 1,000 = 0.005 → 0.01; 999 calls → 0.004995 → 0.00
        assertThat(StatementCalculator.lines(prices, List.of(new DayUsage(LocalDate.of(2026, 2, 1), 1000, 0, 0, 0)), 28)
                .get(2).amountMinor()).isEqualTo(1);
        assertThat(StatementCalculator.lines(prices, List.of(new DayUsage(LocalDate.of(2026, 2, 1), 999, 0, 0, 0)), 28)
                .get(2).amountMinor()).isEqualTo(0);
    }

    @Test
    void aCurrencyWithoutMinorUnitsCountsWholeUnits() {
        RateCard yen = new RateCard("free", "JPY", new BigDecimal("1500"), BigDecimal.ZERO, new BigDecimal("45"),
                BigDecimal.ZERO);
        List<StatementLine> lines = StatementCalculator.lines(yen,
                List.of(new DayUsage(LocalDate.of(2026, 1, 1), 2_500, 0, 0, 0)), 31);
        // 2,500 × 45 / 1,000 = 112.5 → 113 yen
        assertThat(lines.get(2).amountMinor()).isEqualTo(113);
        assertThat(StatementCalculator.total(lines)).isEqualTo(1613);
    }

    @Test
    void theProjectionScalesUsageToTheWholeMonthAndKeepsTheBase() {
        List<StatementLine> lines = List.of(new StatementLine(LineKind.BASE, BigDecimal.ONE, BigDecimal.TEN, 1000),
                new StatementLine(LineKind.API_CALLS, BigDecimal.valueOf(10), BigDecimal.ONE, 101));
        // 10 of 30 days: 1.01 × 3 = 3.03
        assertThat(StatementCalculator.projectedTotal(lines, 10, 30)).isEqualTo(1000 + 303);
        // 7 of 31 days: 1.01 × 31 / 7 = 4.472… → 4.47
        assertThat(StatementCalculator.projectedTotal(lines, 7, 31)).isEqualTo(1000 + 447);
    }
}
