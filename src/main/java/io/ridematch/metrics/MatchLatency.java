package io.ridematch.metrics;

import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Match latency as the brief defines it: wall time from {@code RideRequested} published to
 * {@code DriverAssigned} published. The ride service, which publishes both, reports them here.
 */
public final class MatchLatency {

    private final Map<String, Long> requestedAtNanos = new HashMap<>();
    private final Histogram micros = new Histogram(3_600_000_000L, 3);

    public synchronized void requested(String rideId, long nanoTime) {
        requestedAtNanos.put(rideId, nanoTime);
    }

    public synchronized void assigned(String rideId, long nanoTime) {
        Long start = requestedAtNanos.remove(rideId);
        if (start != null) {
            micros.recordValue(Math.max(0, (nanoTime - start) / 1000));
        }
    }

    public synchronized void forget(String rideId) {
        requestedAtNanos.remove(rideId);
    }

    public synchronized double percentileMillis(double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    public synchronized long count() {
        return micros.getTotalCount();
    }
}
