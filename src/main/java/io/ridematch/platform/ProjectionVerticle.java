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
import java.util.ArrayList;
import java.util.List;

/**
 * The read side (CQRS): folds every event into the city read model and answers queries about it. A platform
 * restarted from a snapshot rebuilds the model from the whole log apart, after it started deciding: until then
 * the events of the moment are held, and queries are answered "not yet".
 */
public final class ProjectionVerticle extends VerticleBase {

    private final DomainBus bus;
    private final CityReadModel model;
    private final SimClock clock;
    private final Future<?> rebuilt;
    private List<DomainEvent> held;

    public ProjectionVerticle(DomainBus bus, CityReadModel model, SimClock clock) {
        this(bus, model, clock, Future.succeededFuture());
    }

    /** @param rebuilt completes once {@code model} holds the log up to where this process took over */
    public ProjectionVerticle(DomainBus bus, CityReadModel model, SimClock clock, Future<?> rebuilt) {
        this.bus = bus;
        this.model = model;
        this.clock = clock;
        this.rebuilt = rebuilt;
    }

    @Override
    public Future<?> start() {
        if (!rebuilt.isComplete()) {
            held = new ArrayList<>();
            var context = vertx.getOrCreateContext();
            rebuilt.onComplete(done -> context.runOnContext(v -> {
                held.forEach(model::apply);
                held = null;
            }));
        }
        return Future.join(
                bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, this::handleEvent),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, this::handleEvent),
                bus.respond(Addresses.QUERY_RIDE, this::findRide),
                bus.respond(Addresses.QUERY_RIDE_HISTORY, this::rideHistory),
                bus.respond(Addresses.QUERY_DRIVER, this::findDriver),
                bus.respond(Addresses.QUERY_STATS, this::stats));
    }

    private void handleEvent(DomainEvent event) {
        if (held != null) {
            held.add(event);
        } else {
            model.apply(event);
        }
    }

    /** Queries wait for the rebuild: the model is being filled on another thread. */
    private void checkRebuilt() {
        if (held != null) {
            throw new Refusal(Refusal.Kind.NOT_YET, "the read model is being rebuilt from the log after a restart; "
                    + "try again in a few seconds");
        }
    }

    private RideView findRide(String rideId) {
        checkRebuilt();
        return model.ride(rideId).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN, "no ride with id " + rideId));
    }

    private RideHistory rideHistory(String rideId) {
        checkRebuilt();
        return model.rideHistory(rideId).map(events -> new RideHistory(rideId, events))
                .orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN, "no ride with id " + rideId));
    }

    private DriverView findDriver(String driverId) {
        checkRebuilt();
        return model.driverView(driverId).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN, "no driver with id " + driverId));
    }

    private CityStats stats(Object ignored) {
        checkRebuilt();
        return model.stats(clock.now());
    }
}
