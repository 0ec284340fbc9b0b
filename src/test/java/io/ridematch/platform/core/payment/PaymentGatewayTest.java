package io.ridematch.platform.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.platform.core.payment.PaymentFaults.Outage;
import io.ridematch.platform.core.payment.PaymentGateway.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PaymentGatewayTest {

    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void declinesTheGivenShareOfAttemptsAndTakesOneChargePerKey() {
        PaymentGateway gateway = new PaymentGateway(new PaymentFaults(0.3, null, null, null), 42, ZoneOffset.UTC);
        long refused = IntStream.range(0, 2_000)
                .filter(i -> gateway.charge("pay-" + i, 1, NOON) instanceof Answer.Refused).count();
        assertThat(refused).isBetween(500L, 700L);

        // retried until taken, then asked again: the same charge, never a second one
        int attempt = 1;
        while (!(gateway.charge("pay-x", attempt, NOON) instanceof Answer.Charged)) {
            attempt++;
        }
        long charges = gateway.charges();
        assertThat(gateway.charge("pay-x", attempt + 1, NOON)).isEqualTo(new Answer.Charged("ch-pay-x"));
        assertThat(gateway.charges()).isEqualTo(charges);
    }

    @Test
    void remembersAKeyForAnHourAfterItsChargeThenLetsItGo() {
        PaymentGateway gateway = new PaymentGateway(new PaymentFaults(null, null, null, List.of()), 1,
                ZoneOffset.UTC);
        assertThat(gateway.charge("pay-a", 1, NOON)).isEqualTo(new Answer.Charged("ch-pay-a"));
        assertThat(gateway.charge("pay-a", 2, NOON.plus(PaymentGateway.KEYS_KEPT))).isInstanceOf(Answer.Charged.class);
        assertThat(gateway.charges()).isEqualTo(1);

        gateway.charge("pay-b", 1, NOON.plus(PaymentGateway.KEYS_KEPT).plusSeconds(1)); // moves time past the key
        gateway.charge("pay-a", 3, NOON.plus(PaymentGateway.KEYS_KEPT).plusSeconds(2));

        assertThat(gateway.charges()).isEqualTo(3); // pay-b, and pay-a once more: its key was let go
    }

    @Test
    void isDownDuringAnOutageEveryDayAndUpAfterIt() {
        PaymentGateway gateway = new PaymentGateway(new PaymentFaults(null, null, null,
                List.of(new Outage(LocalTime.of(23, 58), Duration.ofMinutes(5)))), 1, ZoneOffset.UTC);
        Instant justBeforeMidnight = Instant.parse("2026-03-02T23:59:00Z");
        assertThat(gateway.charge("pay-a", 1, justBeforeMidnight)).isEqualTo(new Answer.Refused("provider unavailable", true));
        assertThat(gateway.charge("pay-a", 2, justBeforeMidnight.plusSeconds(120)))
                .isEqualTo(new Answer.Refused("provider unavailable", true)); // 00:01, still within the five minutes
        assertThat(gateway.charge("pay-a", 3, justBeforeMidnight.plusSeconds(300))).isInstanceOf(Answer.Charged.class);
    }

    @Test
    void latencyStaysWithinItsBoundsAndFaultsAreChecked() {
        PaymentGateway gateway = new PaymentGateway(new PaymentFaults(null, Duration.ofMillis(50),
                Duration.ofMillis(400), null), 7, ZoneOffset.UTC);
        assertThat(IntStream.range(1, 200).mapToObj(i -> gateway.latency("pay-" + i, 1)))
                .allMatch(d -> d.toMillis() >= 50 && d.toMillis() <= 400);
        assertThat(PaymentFaults.NONE.any()).isFalse();
        assertThatThrownBy(() -> new PaymentFaults(1.0, null, null, null)).hasMessageContaining("failureRate");
        assertThatThrownBy(() -> new PaymentFaults(null, Duration.ofSeconds(11), null, null))
                .hasMessageContaining("latencyMax");
    }
}
