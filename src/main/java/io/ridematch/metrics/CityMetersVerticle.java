package io.ridematch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.domain.event.DomainEvent;
import io.ridematch.domain.event.RideEvent.RideCancelled;
import io.ridematch.domain.event.RideEvent.RideCompleted;
import io.ridematch.json.EventTypes;
import io.ridematch.json.Json;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.Map;

/**
 * The domain meters: events by type and rides by how they ended, counted as they are published. Names follow
 * Prometheus conventions; tags stay low-cardinality (event type, outcome, cancel reason).
 */
public final class CityMetersVerticle extends VerticleBase {

    private final DomainBus bus;
    private final MeterRegistry registry;
    private final Map<String, Counter> eventsByType = new HashMap<>();

    public CityMetersVerticle(DomainBus bus, MeterRegistry registry) {
        this.bus = bus;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        return Future.join(
                bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, this::count),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, this::count));
    }

    private void count(DomainEvent event) {
        String type = EventTypes.nameOf(event);
        eventsByType.computeIfAbsent(type, t -> Counter.builder("ridematch_events")
                .description("Events published, by CloudEvents type").tag("type", t).register(registry)).increment();
        if (event instanceof RideCompleted) {
            registry.counter("ridematch_rides_finished", "outcome", "completed", "reason", "none").increment();
        } else if (event instanceof RideCancelled c) {
            registry.counter("ridematch_rides_finished", "outcome", "cancelled", "reason", Json.kebab(c.reason()))
                    .increment();
        }
    }
}
