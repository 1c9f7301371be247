package io.atrium.billing;

import java.math.BigDecimal;

/** A plan's prices in the currency's major unit, as configured when read (and as frozen into a closed statement). */
public record RateCard(String plan, String currency, BigDecimal basePrice, BigDecimal perIndexedMinute,
        BigDecimal perThousandApiCalls, BigDecimal perGbMonth) {

    public BigDecimal price(LineKind kind) {
        return switch (kind) {
            case BASE -> basePrice;
            case INDEXED_MINUTES -> perIndexedMinute;
            case API_CALLS -> perThousandApiCalls;
            case STORAGE -> perGbMonth;
        };
    }

    /** Every price zero (the default: no billing configured). */
    boolean chargesNothing() {
        return basePrice.signum() == 0 && perIndexedMinute.signum() == 0 && perThousandApiCalls.signum() == 0
                && perGbMonth.signum() == 0;
    }

    /** How the audit log records the card seen at a close. */
    String describe() {
        return "plan=" + plan + ", currency=" + currency + ", base=" + basePrice.toPlainString() + ", per_minute="
                + perIndexedMinute.toPlainString() + ", per_1000_calls=" + perThousandApiCalls.toPlainString()
                + ", per_gb_month=" + perGbMonth.toPlainString();
    }
}
