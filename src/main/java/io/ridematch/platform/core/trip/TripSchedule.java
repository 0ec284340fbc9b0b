package io.ridematch.platform.core.trip;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.CompleteRide;
import io.ridematch.contract.RideCommand.StartRide;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.platform.core.pricing.FareSchedule;
import io.ridematch.platform.core.pricing.SurgePricing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The trip timeline in simulation time: an assigned driver reaches the pickup after the ETA and starts the
 * ride; the trip then takes the travel time to the drop-off and completes with its fare, surged by the
 * multiplier quoted when the driver was assigned.
 */
public final class TripSchedule {

    private record Due(Instant at, String rideId, RideCommand command) {
    }

    private record Route(LatLng pickup, LatLng dropoff) {
    }

    private final TravelModel travel;
    private final FareSchedule fares;
    private final SurgePricing surge;
    private final Map<String, Route> routes = new HashMap<>();
    private final Map<String, Due> scheduled = new HashMap<>();
    private final PriorityQueue<Due> agenda =
            new PriorityQueue<>(Comparator.comparing(Due::at).thenComparing(Due::rideId));

    public TripSchedule(TravelModel travel, FareSchedule fares) {
        this(travel, fares, new SurgePricing(SurgePricing.Settings.none()));
    }

    public TripSchedule(TravelModel travel, FareSchedule fares, SurgePricing surge) {
        this.travel = travel;
        this.fares = fares;
        this.surge = surge;
    }

    /** Ride events plan the trips; driver events too feed the surge model's count of free drivers. */
    public void apply(DomainEvent event) {
        surge.apply(event);
        switch (event) {
            case RideRequested e -> routes.put(e.rideId(), new Route(e.pickup(), e.dropoff()));
            case DriverAssigned e -> {
                Instant arrival = e.assignedAt().plusSeconds(e.pickupEtaSeconds());
                schedule(new Due(arrival, e.rideId(), new StartRide(e.rideId(), arrival)));
            }
            case RideStarted e -> {
                Route route = routes.get(e.rideId());
                if (route != null) {
                    TravelModel.Trip trip = travel.trip(route.pickup, route.dropoff, e.startedAt());
                    Instant arrival = e.startedAt().plusSeconds(trip.seconds());
                    double multiplier = surge.quoteFor(e.rideId());
                    schedule(new Due(arrival, e.rideId(), new CompleteRide(e.rideId(), trip.meters(),
                            trip.seconds(), fares.fare(trip.meters(), trip.seconds(), multiplier), multiplier,
                            arrival)));
                }
            }
            case RideCompleted e -> ended(e.rideId());
            case RideCancelled e -> ended(e.rideId());
            case PaymentProcessed e -> {
                // the trip is over already
            }
            case PaymentFailed e -> {
                // the trip is over already
            }
            case DriverEvent e -> {
                // only the surge model counts drivers
            }
        }
    }

    private void ended(String rideId) {
        routes.remove(rideId);
        scheduled.remove(rideId);
        surge.settled(rideId);
    }

    /** Whether a ride's request is known and its trip not over: a request told twice is taken in once. */
    public boolean knows(String rideId) {
        return routes.containsKey(rideId);
    }

    /** The commands due at or before {@code now}, earliest first (ties by ride id). */
    public List<RideCommand> due(Instant now) {
        List<RideCommand> commands = new ArrayList<>();
        while (!agenda.isEmpty() && !agenda.peek().at.isAfter(now)) {
            Due due = agenda.poll();
            if (scheduled.remove(due.rideId, due)) {
                commands.add(due.command);
            }
        }
        return commands;
    }

    /** When the next command is due (its ride may have ended meanwhile), or null for none. */
    public Instant nextDue() {
        return agenda.isEmpty() ? null : agenda.peek().at;
    }

    /** The surge multipliers of the zones with recent demand at {@code now}, by H3 cell. */
    public java.util.Map<Long, Double> surgeByZone(Instant now) {
        return surge.multipliers(now);
    }

    public int tripsInProgress() {
        return routes.size();
    }

    private void schedule(Due due) {
        // A redelivered event schedules nothing new: the first plan for a ride's next step stands.
        if (scheduled.containsKey(due.rideId) && scheduled.get(due.rideId).command.getClass() == due.command.getClass()) {
            return;
        }
        scheduled.put(due.rideId, due);
        agenda.add(due);
    }
}
