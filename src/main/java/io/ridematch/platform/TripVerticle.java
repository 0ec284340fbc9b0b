package io.ridematch.platform;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.SurgeByZone;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.platform.core.trip.TripSchedule;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The trip service: drives each assigned ride through pickup and drop-off in simulation time, and prices it. */
public final class TripVerticle extends VerticleBase {

    /** Zones shown as surge meters: the busiest ones, so the tag set stays small. */
    private static final int SURGE_ZONES_SHOWN = 20;

    private final DomainBus bus;
    private final TripSchedule schedule;
    private final MultiGauge surgeGauge;
    private Instant lastTick = Instant.EPOCH;

    public TripVerticle(DomainBus bus, TripSchedule schedule) {
        this(bus, schedule, null);
    }

    /** @param registry where {@code ridematch_surge_multiplier{zone}} is published, or null */
    public TripVerticle(DomainBus bus, TripSchedule schedule, MeterRegistry registry) {
        this.bus = bus;
        this.schedule = schedule;
        this.surgeGauge = registry == null ? null : MultiGauge.builder("ridematch_surge_multiplier")
                .description("Surge multiplier of the busiest H3 zones").register(registry);
    }

    @Override
    public Future<?> start() {
        if (surgeGauge != null) {
            long timer = vertx.setPeriodic(1_000, id -> publishSurge());
            // the zones' surge is the replacing service's to show from now
            bus.onRetire(() -> {
                vertx.cancelTimer(timer);
                surgeGauge.register(List.of(), true);
            });
        }
        return Future.join(
                bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, schedule::apply),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, schedule::apply),
                bus.subscribe(Addresses.CLOCK_TICK, this::handleTick),
                bus.respond(Addresses.QUERY_SURGE, ignored -> new SurgeByZone(schedule.surgeByZone(lastTick))));
    }

    private void publishSurge() {
        List<MultiGauge.Row<?>> rows = schedule.surgeByZone(lastTick).entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(SURGE_ZONES_SHOWN)
                .map(e -> MultiGauge.Row.of(Tags.of("zone", Long.toHexString(e.getKey())), e.getValue()))
                .collect(Collectors.toList());
        surgeGauge.register(rows, true);
    }

    private void handleTick(ClockTick tick) {
        lastTick = tick.now();
        schedule.due(tick.now()).forEach(bus::send);
    }
}
