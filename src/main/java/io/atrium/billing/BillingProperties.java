package io.atrium.billing;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.atrium.plan.Plan;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Settings under {@code atrium.billing}: the currency and each plan's prices, all zero unless configured.
 *
 * @param currency the ISO 4217 code statements are in; its minor digits ({@link Currency#getDefaultFractionDigits})
 *     are the unit amounts are counted in
 * @param plans prices per plan ({@code free}, {@code developer}, {@code enterprise}); a plan left out costs nothing
 * @param closeInterval how often a node looks for a month that ended and is not closed yet
 * @param alertInterval how often the budgets are compared with the month so far
 */
@Validated
@ConfigurationProperties("atrium.billing")
record BillingProperties(@DefaultValue("USD") @NotNull String currency, Map<String, @Valid Prices> plans,
        @DefaultValue("1h") @NotNull Duration closeInterval, @DefaultValue("5m") @NotNull Duration alertInterval) {

    /**
     * A plan's prices in the currency's major unit, as decimal strings (exact: {@code 0.0125}).
     *
     * @param basePrice per month, whatever the usage
     * @param perIndexedMinute per minute of video indexed in the month
     * @param perThousandApiCalls per 1,000 API calls made with the account's keys
     * @param perGbMonth per GB (10^9 bytes) stored for a whole month
     */
    record Prices(@DefaultValue("0") @NotNull @PositiveOrZero BigDecimal basePrice,
            @DefaultValue("0") @NotNull @PositiveOrZero BigDecimal perIndexedMinute,
            @DefaultValue("0") @NotNull @PositiveOrZero BigDecimal perThousandApiCalls,
            @DefaultValue("0") @NotNull @PositiveOrZero BigDecimal perGbMonth) {

        /** A closed statement keeps unit prices to 8 decimals: a finer price would not be kept as it was used. */
        static final int MAX_DECIMALS = 8;

        Prices {
            for (BigDecimal price : new BigDecimal[] {basePrice, perIndexedMinute, perThousandApiCalls, perGbMonth}) {
                if (price != null && price.stripTrailingZeros().scale() > MAX_DECIMALS) {
                    throw new IllegalArgumentException("atrium.billing prices have at most " + MAX_DECIMALS
                            + " decimals: " + price.toPlainString());
                }
            }
        }
    }

    private static final Prices FREE_OF_CHARGE = new Prices(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO);

    BillingProperties {
        Currency.getInstance(currency.strip());
        currency = currency.strip();
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        for (String plan : plans.keySet()) {
            if (Plan.find(plan).isEmpty()) {
                throw new IllegalArgumentException("atrium.billing.plans." + plan + " is not a plan (free, developer, enterprise)");
            }
        }
    }

    RateCard rateCard(Plan plan) {
        Prices prices = plans.getOrDefault(plan.value(), FREE_OF_CHARGE);
        return new RateCard(plan.value(), currency, prices.basePrice(), prices.perIndexedMinute(),
                prices.perThousandApiCalls(), prices.perGbMonth());
    }
}
