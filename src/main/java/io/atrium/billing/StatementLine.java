package io.atrium.billing;

import java.math.BigDecimal;

/**
 * One line of a statement.
 *
 * @param quantity how much was used, in the kind's unit (minutes and GB-months to 6 decimals)
 * @param unitPrice the price of one unit, in the currency's major unit
 * @param amountMinor quantity × unit price, rounded half up to minor units (from the exact usage, not the rounded
 *     quantity)
 */
public record StatementLine(LineKind kind, BigDecimal quantity, BigDecimal unitPrice, long amountMinor) {

    /** The quantity without trailing zeros, as pages, CSV and PDF show it. */
    public String quantityText() {
        return quantity.signum() == 0 ? "0" : quantity.stripTrailingZeros().toPlainString();
    }

    public String unitPriceText() {
        return unitPrice.signum() == 0 ? "0" : unitPrice.stripTrailingZeros().toPlainString();
    }
}
