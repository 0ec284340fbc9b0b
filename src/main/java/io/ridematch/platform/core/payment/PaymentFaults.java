package io.ridematch.platform.core.payment;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * How the outside payment provider misbehaves, on purpose (all off by default): a share of charges declined, a
 * latency drawn uniformly between two bounds, and outages at times of the simulated day. The platform answers
 * with retries, a circuit breaker and, after the last retry, a {@code ridematch.payment.failed} event.
 *
 * @param failureRate share of charge attempts the provider declines, in [0, 1)
 * @param latencyMin  the shortest a charge takes (wall time, as a real provider's call)
 * @param latencyMax  the longest
 * @param outages     when the provider answers nothing but "unavailable"
 */
public record PaymentFaults(Double failureRate, Duration latencyMin, Duration latencyMax, List<Outage> outages) {

    /** The longest latency allowed (declared first: {@link #NONE} is checked against it). */
    public static final Duration LATENCY_LIMIT = Duration.ofSeconds(10);

    public static final PaymentFaults NONE = new PaymentFaults(null, null, null, null);

    public PaymentFaults {
        failureRate = failureRate == null ? 0.0 : failureRate;
        latencyMin = latencyMin == null ? Duration.ZERO : latencyMin;
        latencyMax = latencyMax == null ? latencyMin : latencyMax;
        outages = outages == null ? List.of() : List.copyOf(outages);
        require(failureRate >= 0 && failureRate < 1, "payment.failureRate must be in [0, 1), was " + failureRate);
        require(!latencyMin.isNegative() && latencyMin.compareTo(latencyMax) <= 0,
                "payment.latencyMin must be zero or more and at most latencyMax");
        require(latencyMax.compareTo(LATENCY_LIMIT) <= 0, "payment.latencyMax must be at most 10s");
    }

    /** Whether any fault is on. */
    public boolean any() {
        return failureRate > 0 || !latencyMax.isZero() || !outages.isEmpty();
    }

    /** Whether the provider is down at {@code timeOfDay}. */
    public boolean down(LocalTime timeOfDay) {
        return outages.stream().anyMatch(outage -> outage.covers(timeOfDay));
    }

    /** The provider down from {@code start} for {@code length}, every simulated day. */
    public record Outage(LocalTime start, Duration length) {
        public Outage {
            require(start != null && length != null && !length.isNegative() && !length.isZero()
                    && length.compareTo(Duration.ofDays(1)) < 0, "a payment outage is a time of day and a length "
                    + "under a day, e.g. 07:30+5m");
        }

        boolean covers(LocalTime t) {
            long from = start.toSecondOfDay();
            long offset = Math.floorMod(t.toSecondOfDay() - from, 86_400L);
            return offset < length.toSeconds();
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
