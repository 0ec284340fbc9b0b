package io.ridematch.platform.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.contract.money.Money;
import org.junit.jupiter.api.Test;

class FareScheduleTest {

    private final FareSchedule fares = new FareSchedule("USD", 2.50, 1.20, 0.30, 7.00);

    @Test
    void meteredFareIsBasePlusDistancePlusTime() {
        // 2.50 + 5.2 km * 1.20 + 14 min * 0.30 = 2.50 + 6.24 + 4.20 = 12.94
        assertThat(fares.fare(5_200, 14 * 60, 1.0)).isEqualTo(Money.of("12.94", "USD"));
    }

    @Test
    void shortTripPaysTheMinimum() {
        assertThat(fares.fare(800, 180, 1.0)).isEqualTo(Money.of("7.00", "USD"));
    }

    @Test
    void surgeMultipliesTheWholeFare() {
        // 12.94 * 1.5 = 19.41
        assertThat(fares.fare(5_200, 14 * 60, 1.5)).isEqualTo(Money.of("19.41", "USD"));
        // the minimum surges too: 7.00 * 2 = 14.00
        assertThat(fares.fare(800, 180, 2.0)).isEqualTo(Money.of("14.00", "USD"));
    }

    @Test
    void surgeBelowOneIsRefused() {
        assertThatThrownBy(() -> fares.fare(1_000, 60, 0.9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyKeepsCentsAndRefusesMixedCurrencies() {
        assertThat(Money.of("3.1", "USD").amount().toPlainString()).isEqualTo("3.10");
        assertThatThrownBy(() -> Money.of(1, "USD").plus(Money.of(1, "EUR")))
                .hasMessageContaining("USD").hasMessageContaining("EUR");
        assertThatThrownBy(() -> Money.of(1, "dollars")).isInstanceOf(IllegalArgumentException.class);
    }
}
