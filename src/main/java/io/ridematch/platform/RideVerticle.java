package io.ridematch.platform;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.CommandAccepted;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.DomainBus.Refusal;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.time.SimClock;
import io.ridematch.metrics.MatchLatency;
import io.ridematch.platform.core.ride.Decision;
import io.ridematch.platform.core.ride.RideBook;
import io.ridematch.platform.core.ride.RideStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The ride service: the one writer of ride events. Every ride command (from riders, matching, trips, payment)
 * is decided against the ride's state folded from its own events; accepted commands are published as events,
 * refused ones answered with the reason. Events are stamped with the command's time, but never later than the
 * platform's clock.
 */
public final class RideVerticle extends VerticleBase {

    private final DomainBus bus;
    private final SimClock clock;
    private final MatchLatency matchLatency;
    private final RideBook book = new RideBook();

    public RideVerticle(DomainBus bus, SimClock clock, MatchLatency matchLatency) {
        this.bus = bus;
        this.clock = clock;
        this.matchLatency = matchLatency;
    }

    /** Folds one logged event into its ride, before the service starts: how a restarted platform knows its rides. */
    public void restore(RideEvent event) {
        book.restore(event);
    }

    /** A ride a snapshot knew only as over: a redelivered command for it is still refused. */
    public void restoreOver(String rideId, RideStatus status) {
        book.restoreOver(rideId, status);
    }

    /** Rides this service knows, over or not. */
    public int rides() {
        return Math.toIntExact(book.size());
    }

    @Override
    public Future<?> start() {
        return bus.respond(Addresses.RIDE_COMMANDS, this::handleCommand);
    }

    private CommandAccepted handleCommand(RideCommand command) {
        var events = switch (book.decide(command, clock.now())) {
            case Decision.Accepted accepted -> accepted.events();
            case Decision.Rejected rejected -> throw new Refusal(Refusal.Kind.ILLEGAL, rejected.reason());
            case Decision.Unknown unknown -> throw new Refusal(Refusal.Kind.UNKNOWN, unknown.reason());
        };
        for (RideEvent event : events) {
            bus.publish(event);
            matchLatency.record(event);
        }
        return new CommandAccepted(events);
    }
}
