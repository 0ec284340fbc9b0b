package io.ridematch.platform.core.pricing;

import io.ridematch.contract.money.Money;

/** Fare = max(minimum, base + per km + per minute), times the surge multiplier. */
public record FareSchedule(String currency, double base, double perKm, double perMinute, double minimum) {

    public FareSchedule {
        Money.of(0, currency); // validates the currency code
        if (base < 0 || perKm < 0 || perMinute < 0 || minimum < 0) {
            throw new IllegalArgumentException("pricing amounts must not be negative");
        }
    }

    public Money fare(double distanceMeters, long durationSeconds, double surgeMultiplier) {
        if (surgeMultiplier < 1) {
            throw new IllegalArgumentException("surge multiplier below 1: " + surgeMultiplier);
        }
        Money metered = Money.of(base + perKm * distanceMeters / 1000.0 + perMinute * durationSeconds / 60.0, currency);
        return metered.max(Money.of(minimum, currency)).times(surgeMultiplier);
    }
}
