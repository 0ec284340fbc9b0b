package io.ridematch.metrics;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.platform.core.readmodel.Samples;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run minute by minute of simulated time, from the ride events on the bus: rides requested, assigned, completed,
 * paid, failed at payment and cancelled in each minute, and the match latency (wall time from a request published
 * to its assignment published) of the rides assigned in it. What {@code compare} charts and reads an outage from.
 */
public final class RideTimeline extends VerticleBase {

    /** One simulated minute; {@code at} is its start, as a time of day. */
    public record Minute(String at, long requested, long assigned, long completed, long paid, long paymentFailed,
                         long cancelled, double matchLatencyP50Ms, double matchLatencyP99Ms) {
    }

    private static final class Counts {
        long requested;
        long assigned;
        long completed;
        long paid;
        long paymentFailed;
        long cancelled;
        final Samples latencyMicros = new Samples();
    }

    private final DomainBus bus;
    private final TreeMap<Instant, Counts> minutes = new TreeMap<>();
    private final Map<String, Long> requestedAtNanos = new HashMap<>();

    public RideTimeline(DomainBus bus) {
        this.bus = bus;
    }

    @Override
    public Future<?> start() {
        return bus.subscribe(Addresses.RIDE_EVENTS, this::handleEvent);
    }

    private synchronized void handleEvent(RideEvent event) {
        Counts minute = minutes.computeIfAbsent(event.occurredAt().truncatedTo(ChronoUnit.MINUTES), m -> new Counts());
        switch (event) {
            case RideRequested e -> {
                minute.requested++;
                requestedAtNanos.put(e.rideId(), System.nanoTime());
            }
            case DriverAssigned e -> {
                minute.assigned++;
                Long asked = requestedAtNanos.remove(e.rideId());
                if (asked != null) {
                    minute.latencyMicros.add(Math.max(0, System.nanoTime() - asked) / 1000);
                }
            }
            case RideCompleted e -> minute.completed++;
            case PaymentProcessed e -> minute.paid++;
            case PaymentFailed e -> minute.paymentFailed++;
            case RideCancelled e -> {
                minute.cancelled++;
                requestedAtNanos.remove(e.rideId());
            }
            case RideStarted e -> {
                // a pickup changes none of the figures
            }
        }
    }

    /** Every minute from the first event's to the last's, empty ones included, times of day in {@code zone}. */
    public synchronized List<Minute> minutes(ZoneId zone) {
        List<Minute> all = new ArrayList<>();
        if (minutes.isEmpty()) {
            return all;
        }
        for (Instant at = minutes.firstKey(); !at.isAfter(minutes.lastKey()); at = at.plus(1, ChronoUnit.MINUTES)) {
            Counts c = minutes.getOrDefault(at, new Counts());
            all.add(new Minute(at.atZone(zone).toLocalTime().toString(), c.requested, c.assigned, c.completed,
                    c.paid, c.paymentFailed, c.cancelled, c.latencyMicros.percentile(50) / 1000.0,
                    c.latencyMicros.percentile(99) / 1000.0));
        }
        return all;
    }
}
