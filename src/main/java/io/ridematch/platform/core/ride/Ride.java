package io.ridematch.platform.core.ride;

import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.AssignDriver;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.CompleteRide;
import io.ridematch.contract.RideCommand.FailPayment;
import io.ridematch.contract.RideCommand.ProcessPayment;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideCommand.StartRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.money.Money;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A ride as an event-sourced state machine: {@link #decide} turns a command into events or a refusal,
 * {@link #evolve} folds one event into the next state. The state is only ever built from events.
 */
public record Ride(String rideId, RideStatus status, String riderId, LatLng pickup, LatLng dropoff,
                   String driverId, Instant requestedAt, Money fare) {

    public static Ride none(String rideId) {
        return new Ride(rideId, RideStatus.NONE, null, null, null, null, null, null);
    }

    /** A ride known only by how it ended, as a snapshot keeps an old one: it takes no further command. */
    public static Ride over(String rideId, RideStatus status) {
        if (!status.isFinished()) {
            throw new IllegalArgumentException("ride " + rideId + " is not over: " + status);
        }
        return new Ride(rideId, status, null, null, null, null, null, null);
    }

    public static Decision decide(RideCommand command, Ride ride) {
        if (!command.rideId().equals(ride.rideId())) {
            return Decision.reject("command for ride " + command.rideId() + " sent to ride " + ride.rideId());
        }
        RideEvent event = switch (command) {
            case RequestRide c -> new RideRequested(c.rideId(), c.riderId(), c.pickup(), c.dropoff(), c.at());
            case AssignDriver c -> new DriverAssigned(c.rideId(), c.driverId(), c.driverPosition(),
                    c.pickupEtaSeconds(), c.at());
            case StartRide c -> new RideStarted(c.rideId(), ride.driverId(), c.at());
            case CompleteRide c -> new RideCompleted(c.rideId(), ride.driverId(), c.distanceMeters(),
                    c.durationSeconds(), c.fare(), c.surgeMultiplier(), c.at());
            case ProcessPayment c -> new PaymentProcessed(c.rideId(), c.paymentId(), ride.fare(), c.at());
            case FailPayment c -> new PaymentFailed(c.rideId(), c.paymentId(), c.reason(), c.attempts(), c.at());
            case CancelRide c -> new RideCancelled(c.rideId(), c.reason(), c.at());
        };
        return canFollow(ride.status, event) ? Decision.accept(event) : ride.refuse(verb(command));
    }

    public Ride evolve(RideEvent event) {
        RideStatus next = statusAfter(event);
        return switch (event) {
            case RideRequested e -> new Ride(rideId, next, e.riderId(), e.pickup(), e.dropoff(), null,
                    e.requestedAt(), null);
            case DriverAssigned e -> new Ride(rideId, next, riderId, pickup, dropoff, e.driverId(), requestedAt, fare);
            case RideCompleted e -> new Ride(rideId, next, riderId, pickup, dropoff, driverId, requestedAt, e.fare());
            case RideStarted e -> withStatus(next);
            case PaymentProcessed e -> withStatus(next);
            case PaymentFailed e -> withStatus(next);
            case RideCancelled e -> withStatus(next);
        };
    }

    /** The lifecycle, written once: the statuses each event may follow, and the status it leads to. */
    private record Step(Set<RideStatus> from, RideStatus to) {
    }

    private static Step step(RideEvent event) {
        return switch (event) {
            case RideRequested e -> new Step(EnumSet.of(RideStatus.NONE), RideStatus.REQUESTED);
            case DriverAssigned e -> new Step(EnumSet.of(RideStatus.REQUESTED), RideStatus.ASSIGNED);
            case RideStarted e -> new Step(EnumSet.of(RideStatus.ASSIGNED), RideStatus.STARTED);
            case RideCompleted e -> new Step(EnumSet.of(RideStatus.STARTED), RideStatus.COMPLETED);
            case PaymentProcessed e -> new Step(EnumSet.of(RideStatus.COMPLETED), RideStatus.PAID);
            case PaymentFailed e -> new Step(EnumSet.of(RideStatus.COMPLETED), RideStatus.PAYMENT_FAILED);
            // a rider may give up until the driver arrives; once the trip started it can only finish
            case RideCancelled e -> new Step(EnumSet.of(RideStatus.REQUESTED, RideStatus.ASSIGNED),
                    RideStatus.CANCELLED);
        };
    }

    /** Whether {@code event} is the legal next step of a ride in status {@code current} (the brief's rules). */
    public static boolean canFollow(RideStatus current, RideEvent event) {
        return step(event).from().contains(current);
    }

    /** The status an event leads to; it does not depend on the state before it. */
    public static RideStatus statusAfter(RideEvent event) {
        return step(event).to();
    }

    private static String verb(RideCommand command) {
        return switch (command) {
            case RequestRide c -> "request";
            case AssignDriver c -> "assign a driver to";
            case StartRide c -> "start";
            case CompleteRide c -> "complete";
            case ProcessPayment c -> "pay for";
            case FailPayment c -> "record a failed payment for";
            case CancelRide c -> "cancel";
        };
    }

    private Ride withStatus(RideStatus next) {
        return new Ride(rideId, next, riderId, pickup, dropoff, driverId, requestedAt, fare);
    }

    private Decision refuse(String verb) {
        return Decision.reject("cannot " + verb + " ride " + rideId + ": it is " + status.name().toLowerCase());
    }
}
