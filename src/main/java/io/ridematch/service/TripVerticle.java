package io.ridematch.service;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.ClockTick;
import io.ridematch.bus.DomainBus;
import io.ridematch.domain.event.DomainEvent;
import io.ridematch.domain.trip.TripSchedule;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The trip service: drives each assigned ride through pickup and drop-off in simulation time, and prices it. */
public final class TripVerticle extends VerticleBase {

    private final DomainBus bus;
    private final TripSchedule schedule;

    public TripVerticle(DomainBus bus, TripSchedule schedule) {
        this.bus = bus;
        this.schedule = schedule;
    }

    @Override
    public Future<?> start() {
        return Future.join(
                bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, schedule::apply),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, schedule::apply),
                bus.subscribe(Addresses.CLOCK_TICK, this::handleTick));
    }

    private void handleTick(ClockTick tick) {
        schedule.due(tick.now()).forEach(bus::send);
    }
}
