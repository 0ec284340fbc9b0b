package io.ridematch.platform;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.DomainBus.Refusal;
import io.ridematch.bus.EventFeed;
import io.ridematch.contract.time.SimClock;
import io.ridematch.platform.core.readmodel.CityReadModel;
import io.ridematch.platform.core.readmodel.RideQuery;
import io.ridematch.platform.core.readmodel.CityStats;
import io.ridematch.platform.core.readmodel.DriverView;
import io.ridematch.platform.core.readmodel.RideHistory;
import io.ridematch.platform.core.readmodel.RideView;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Locale;

/**
 * The read side (CQRS): folds every event into the city read model and answers queries about it. Where several
 * platform processes share the city it folds the whole event log ({@link EventFeed#CITY_LOG}), and until it
 * holds the log as it was at the start, queries are answered "not yet".
 */
public final class ProjectionVerticle extends VerticleBase {

    private final DomainBus bus;
    private final CityReadModel model;
    private final SimClock clock;
    private final EventFeed feed;
    private final Future<?> rebuilt;

    /** Folds what this process publishes and receives. */
    public ProjectionVerticle(DomainBus bus, CityReadModel model, SimClock clock) {
        this(bus, model, clock, EventFeed.BUS, Future.succeededFuture());
    }

    /** @param rebuilt completes once {@code model} holds the log up to where this process started */
    public ProjectionVerticle(DomainBus bus, CityReadModel model, SimClock clock, EventFeed feed, Future<?> rebuilt) {
        this.bus = bus;
        this.model = model;
        this.clock = clock;
        this.feed = feed;
        this.rebuilt = rebuilt;
    }

    @Override
    public Future<?> start() {
        return Future.join(
                feed.subscribe(bus, model::apply),
                bus.respond(Addresses.QUERY_RIDE, this::findRide),
                bus.respond(Addresses.QUERY_RIDES, this::listRides),
                bus.respond(Addresses.QUERY_RIDE_HISTORY, this::rideHistory),
                bus.respond(Addresses.QUERY_DRIVER, this::findDriver),
                bus.respond(Addresses.QUERY_STATS, this::stats));
    }

    /** Queries wait for the rebuild: until then the model holds only part of the city. */
    private void checkRebuilt() {
        if (!rebuilt.isComplete()) {
            throw new Refusal(Refusal.Kind.NOT_YET, "the read model is being rebuilt from the event log; "
                    + "try again in a few seconds");
        }
    }

    private RideView findRide(String rideId) {
        checkRebuilt();
        return model.ride(rideId).orElseThrow(() -> unknownRide(rideId));
    }

    private RideQuery.Answer listRides(RideQuery query) {
        checkRebuilt();
        return model.rides(query);
    }

    private RideHistory rideHistory(String rideId) {
        checkRebuilt();
        return model.rideHistory(rideId).map(events -> new RideHistory(rideId, events))
                .orElseThrow(() -> unknownRide(rideId));
    }

    private Refusal unknownRide(String rideId) {
        return new Refusal(Refusal.Kind.UNKNOWN, model.forgottenEnd(rideId)
                .map(end -> String.format(Locale.ROOT, "ride %s is %s, and older than the %,d most recent finished "
                        + "rides this read model keeps; its events are in the event log ('ridematch replay')",
                        rideId, end.name().toLowerCase(Locale.ROOT), model.keptFinished()))
                .orElse("no ride with id " + rideId));
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
