package io.ridematch.platform.core.ride;

import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Every ride the ride service knows: the ones not over yet as their state, the finished ones as how they ended.
 * A command is decided against its ride's state and, when accepted, folded in at once; the ride service of
 * either architecture (events or a synchronous chain) is this book behind its own front door.
 */
public final class RideBook {

    /** Rides not over yet; a finished ride leaves, and only how it ended is kept. */
    private final Map<String, Ride> rides = new HashMap<>();
    private final FinishedRides finished = new FinishedRides();

    /**
     * Decides {@code command} and, when accepted, keeps the ride's new state: {@link Decision.Accepted} with the
     * events in order, {@link Decision.Rejected} with the reason, or {@link Decision.Unknown}. A command stamped
     * later than {@code now} is decided at {@code now}: an event is never recorded in the platform's future (a
     * rider's command from a simulator process carries that process's clock, which may run a little ahead).
     */
    public Decision decide(RideCommand asked, Instant now) {
        RideCommand command = asked.at().isAfter(now) ? asked.at(now) : asked;
        Ride ride = rideOf(command.rideId());
        if (ride.status() == RideStatus.NONE && !(command instanceof RequestRide)) {
            return new Decision.Unknown("unknown ride " + command.rideId());
        }
        Decision decision = Ride.decide(command, ride);
        if (decision instanceof Decision.Accepted accepted) {
            for (RideEvent event : accepted.events()) {
                ride = ride.evolve(event);
            }
            keep(ride);
        }
        return decision;
    }

    /**
     * Folds one logged event into its ride: how a restarted platform knows its rides. An event that is not its
     * ride's legal next step changes nothing, so the state never contradicts the rules.
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

    /** Rides known, over or not. */
    public long size() {
        return rides.size() + finished.size();
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
}
