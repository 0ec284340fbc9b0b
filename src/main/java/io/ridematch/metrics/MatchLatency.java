package io.ridematch.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.platform.core.readmodel.Samples;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Match latency as the brief defines it: wall time from {@code RideRequested} published to
 * {@code DriverAssigned} published. The ride service, which publishes both, reports them here.
 */
public final class MatchLatency {

    private final Map<String, Long> requestedAtNanos = new HashMap<>();
    private final Samples micros = new Samples();
    private final Timer timer;
    /** Requests published before this are not measured (a warm-up); every one is by default. */
    private long fromNanos = Long.MIN_VALUE;

    public MatchLatency() {
        this(null);
    }

    /** @param registry where {@code ridematch_match_latency_seconds} is published too, or null */
    public MatchLatency(MeterRegistry registry) {
        this.timer = registry == null ? null : Timer.builder("ridematch_match_latency")
                .description("Wall time from RideRequested to DriverAssigned published")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }

    /** Takes the times of the steps match latency runs between: a request, its assignment, or its cancel. */
    public void record(RideEvent event) {
        switch (event) {
            case RideRequested e -> requested(e.rideId(), System.nanoTime());
            case DriverAssigned e -> assigned(e.rideId(), System.nanoTime());
            case RideCancelled e -> forget(e.rideId());
            // match latency runs from the request to the assignment (or the cancel): later steps do not touch it
            case RideStarted e -> {
            }
            case RideCompleted e -> {
            }
            case PaymentProcessed e -> {
            }
            case PaymentFailed e -> {
            }
        }
    }

    public synchronized void requested(String rideId, long nanoTime) {
        if (nanoTime >= fromNanos) {
            requestedAtNanos.put(rideId, nanoTime);
        }
    }

    /** Measures only requests published from {@code nanoTime} ({@link System#nanoTime()}) on: a bench's warm-up. */
    public synchronized void measureFrom(long nanoTime) {
        fromNanos = nanoTime;
    }

    public synchronized void assigned(String rideId, long nanoTime) {
        Long start = requestedAtNanos.remove(rideId);
        if (start != null) {
            long nanos = Math.max(0, nanoTime - start);
            micros.add(nanos / 1000);
            if (timer != null) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    public synchronized void forget(String rideId) {
        requestedAtNanos.remove(rideId);
    }

    public synchronized double percentileMillis(double percentile) {
        return micros.percentile(percentile) / 1000.0;
    }

    public synchronized long count() {
        return micros.count();
    }
}
