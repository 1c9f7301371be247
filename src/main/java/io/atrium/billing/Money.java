package io.atrium.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Amounts in minor units of a currency (cents), never floating point. An amount is rounded once, half up, where a
 * line's exact value (quantity × unit price) becomes minor units.
 */
final class Money {

    private Money() {
    }

    /** The currency's minor digits (2 for USD and EUR, 0 for JPY; a currency without any counts as 0). */
    static int minorDigits(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    /** {@code numerator / denominator} in major units, rounded half up to minor units. */
    static long minor(BigDecimal numerator, BigDecimal denominator, int digits) {
        return numerator.divide(denominator, digits, RoundingMode.HALF_UP).movePointRight(digits).longValueExact();
    }

    static long minor(BigDecimal major, int digits) {
        return minor(major, BigDecimal.ONE, digits);
    }

    /** Minor units as the major amount, with all minor digits: {@code 1005} → {@code 10.05}. */
    static String format(long minor, int digits) {
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }
}
