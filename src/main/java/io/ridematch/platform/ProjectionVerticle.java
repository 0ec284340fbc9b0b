package io.ridematch.platform;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.DomainBus.Refusal;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.time.SimClock;
import io.ridematch.platform.core.readmodel.CityReadModel;
import io.ridematch.platform.core.readmodel.CityStats;
import io.ridematch.platform.core.readmodel.DriverView;
import io.ridematch.platform.core.readmodel.RideHistory;
import io.ridematch.platform.core.readmodel.RideView;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** The read side (CQRS): folds every event into the city read model and answers queries about it. */
public final class ProjectionVerticle extends VerticleBase {

    private final DomainBus bus;
    private final CityReadModel model;
    private final SimClock clock;

    public ProjectionVerticle(DomainBus bus, CityReadModel model, SimClock clock) {
        this.bus = bus;
        this.model = model;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        return Future.join(
                bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, model::apply),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, model::apply),
                bus.respond(Addresses.QUERY_RIDE, this::findRide),
                bus.respond(Addresses.QUERY_RIDE_HISTORY, this::rideHistory),
                bus.respond(Addresses.QUERY_DRIVER, this::findDriver),
                bus.respond(Addresses.QUERY_STATS, this::stats));
    }

    private RideView findRide(String rideId) {
        return model.ride(rideId).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN, "no ride with id " + rideId));
    }

    private RideHistory rideHistory(String rideId) {
        return model.rideHistory(rideId).map(events -> new RideHistory(rideId, events))
                .orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN, "no ride with id " + rideId));
    }

    private DriverView findDriver(String driverId) {
        return model.driverView(driverId).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN, "no driver with id " + driverId));
    }

    private CityStats stats(Object ignored) {
        return model.stats(clock.now());
    }
}
