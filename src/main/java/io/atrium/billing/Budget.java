package io.atrium.billing;

/**
 * An account's monthly budget.
 *
 * @param amountMinor in minor units of {@code currency}
 * @param stopIndexing whether new indexing tasks are refused once the month's total reaches it
 */
public record Budget(long amountMinor, String currency, boolean stopIndexing) {

    public String amountText() {
        return Money.format(amountMinor, Money.minorDigits(currency));
    }
}
