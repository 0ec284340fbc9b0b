package io.ridematch.platform;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.CommandAccepted;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.DomainBus.Refusal;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.time.SimClock;
import io.ridematch.metrics.MatchLatency;
import io.ridematch.platform.core.ride.Decision;
import io.ridematch.platform.core.ride.FinishedRides;
import io.ridematch.platform.core.ride.Ride;
import io.ridematch.platform.core.ride.RideStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.HashMap;
import java.util.Map;

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
    /** Rides not over yet; a finished ride leaves, and only how it ended is kept. */
    private final Map<String, Ride> rides = new HashMap<>();
    private final FinishedRides finished = new FinishedRides();

    public RideVerticle(DomainBus bus, SimClock clock, MatchLatency matchLatency) {
        this.bus = bus;
        this.clock = clock;
        this.matchLatency = matchLatency;
    }

    /**
     * Folds one logged event into its ride, before the service starts: how a restarted platform knows its rides.
     * An event that is not its ride's legal next step changes nothing, so the state never contradicts the rules.
     */
    public void restore(RideEvent event) {
        Ride ride = rideOf(event.rideId());
        if (Ride.canFollow(ride.status(), event)) {
            keep(ride.evolve(event));
        }
    }

    /** A ride a snapshot knew only as over: a redelivered command for it is still refused. */
    public void restoreOver(String rideId, RideStatus status) {
        if (!rides.containsKey(rideId)) {
            finished.add(rideId, status);
        }
    }

    /** Rides this service knows, over or not. */
    public int rides() {
        return Math.toIntExact(rides.size() + finished.size());
    }

    private Ride rideOf(String rideId) {
        Ride ride = rides.get(rideId);
        if (ride != null) {
            return ride;
        }
        RideStatus ended = finished.statusOf(rideId);
        return ended == null ? Ride.none(rideId) : Ride.over(rideId, ended);
    }

    private void keep(Ride ride) {
        if (ride.status().isFinished()) {
            rides.remove(ride.rideId());
            finished.add(ride.rideId(), ride.status());
        } else {
            rides.put(ride.rideId(), ride);
        }
    }

    @Override
    public Future<?> start() {
        return bus.respond(Addresses.RIDE_COMMANDS, this::handleCommand);
    }

    private CommandAccepted handleCommand(RideCommand asked) {
        // Never record an event in the platform's future: a rider's command from a simulator process carries
        // that process's clock, which may run a little ahead of the one this platform follows.
        RideCommand command = asked.at().isAfter(clock.now()) ? asked.at(clock.now()) : asked;
        Ride ride = rideOf(command.rideId());
        if (ride.status() == RideStatus.NONE && !(command instanceof RequestRide)) {
            throw new Refusal(Refusal.Kind.UNKNOWN, "unknown ride " + command.rideId());
        }
        Decision decision = Ride.decide(command, ride);
        if (decision instanceof Decision.Rejected rejected) {
            throw new Refusal(Refusal.Kind.ILLEGAL, rejected.reason());
        }
        var events = ((Decision.Accepted) decision).events();
        for (RideEvent event : events) {
            ride = ride.evolve(event);
            bus.publish(event);
            recordMatchLatency(event);
        }
        keep(ride);
        return new CommandAccepted(events);
    }

    private void recordMatchLatency(RideEvent event) {
        switch (event) {
            case RideRequested e -> matchLatency.requested(e.rideId(), System.nanoTime());
            case DriverAssigned e -> matchLatency.assigned(e.rideId(), System.nanoTime());
            case RideCancelled e -> matchLatency.forget(e.rideId());
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
}
