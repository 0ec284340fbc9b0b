package io.ridematch.bench;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.platform.core.readmodel.Samples;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Match latency as a rider in a simulator process sees it through Kafka: from the moment its {@code RequestRide}
 * command leaves for the platform (on the event bus, to the bridge, to Kafka) to the moment the platform's
 * {@code DriverAssigned} for it arrives back from Kafka. Watches the simulator's bus; changes nothing.
 */
final class RequestToAssignment {

    private final Map<String, Long> sentAtNanos = new ConcurrentHashMap<>();
    private final Samples micros = new Samples();
    private final long fromNanos;
    private final AtomicLong measured = new AtomicLong();

    /**
     * @param warmUp wall time before requests are measured: all drivers come online at the start, and the platform
     *               works through that burst while the first riders already ask
     */
    RequestToAssignment(Duration warmUp) {
        this(System.nanoTime() + warmUp.toNanos());
    }

    /** @param fromNanos the {@link System#nanoTime()} from which requests are measured */
    RequestToAssignment(long fromNanos) {
        this.fromNanos = fromNanos;
    }

    Future<Void> watch(DomainBus bus) {
        bus.watchCommands(command -> {
            long now = System.nanoTime();
            if (command instanceof RequestRide request && now >= fromNanos) {
                sentAtNanos.put(request.rideId(), now);
                measured.incrementAndGet();
            }
        });
        return bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, event -> {
            if (event instanceof DriverAssigned assigned) {
                Long sent = sentAtNanos.remove(assigned.rideId());
                if (sent != null) {
                    record(System.nanoTime() - sent);
                }
            }
        });
    }

    private synchronized void record(long nanos) {
        micros.add(nanos / 1000);
    }

    synchronized double percentileMillis(double percentile) {
        return micros.percentile(percentile) / 1000.0;
    }

    synchronized long count() {
        return micros.count();
    }

    /** Rides requested after the warm-up; {@link #count()} of them were assigned while watched. */
    long requested() {
        return measured.get();
    }

    /** The platform kept up: nearly every measured request got its driver, and within a second at the 99th. */
    boolean keptUp() {
        return requested() > 0 && count() >= 0.95 * requested() && percentileMillis(99) < 1_000;
    }
}
