package io.ridematch.platform.core.ride;

import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.AssignDriver;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.CompleteRide;
import io.ridematch.contract.RideCommand.ProcessPayment;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideCommand.StartRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.money.Money;
import java.time.Instant;

/**
 * A ride as an event-sourced state machine: {@link #decide} turns a command into events or a refusal,
 * {@link #evolve} folds one event into the next state. The state is only ever built from events.
 */
public record Ride(String rideId, RideStatus status, String riderId, LatLng pickup, LatLng dropoff,
                   String driverId, Instant requestedAt, Money fare) {

    public static Ride none(String rideId) {
        return new Ride(rideId, RideStatus.NONE, null, null, null, null, null, null);
    }

    public static Decision decide(RideCommand command, Ride ride) {
        if (!command.rideId().equals(ride.rideId())) {
            return Decision.reject("command for ride " + command.rideId() + " sent to ride " + ride.rideId());
        }
        if (command instanceof RequestRide c) {
            return ride.status == RideStatus.NONE
                    ? Decision.accept(new RideRequested(c.rideId(), c.riderId(), c.pickup(), c.dropoff(), c.at()))
                    : ride.refuse("request");
        }
        if (command instanceof AssignDriver c) {
            return ride.status == RideStatus.REQUESTED
                    ? Decision.accept(new DriverAssigned(c.rideId(), c.driverId(), c.driverPosition(),
                            c.pickupEtaSeconds(), c.at()))
                    : ride.refuse("assign a driver to");
        }
        if (command instanceof StartRide c) {
            return ride.status == RideStatus.ASSIGNED
                    ? Decision.accept(new RideStarted(c.rideId(), ride.driverId(), c.at()))
                    : ride.refuse("start");
        }
        if (command instanceof CompleteRide c) {
            return ride.status == RideStatus.STARTED
                    ? Decision.accept(new RideCompleted(c.rideId(), ride.driverId(), c.distanceMeters(),
                            c.durationSeconds(), c.fare(), c.surgeMultiplier(), c.at()))
                    : ride.refuse("complete");
        }
        if (command instanceof ProcessPayment c) {
            return ride.status == RideStatus.COMPLETED
                    ? Decision.accept(new PaymentProcessed(c.rideId(), c.paymentId(), ride.fare(), c.at()))
                    : ride.refuse("pay for");
        }
        if (command instanceof CancelRide c) {
            // A rider may give up until the driver arrives; once the trip started it can only finish.
            boolean cancellable = ride.status == RideStatus.REQUESTED || ride.status == RideStatus.ASSIGNED;
            return cancellable
                    ? Decision.accept(new RideCancelled(c.rideId(), c.reason(), c.at()))
                    : ride.refuse("cancel");
        }
        throw new IllegalStateException("unhandled command " + command);
    }

    public Ride evolve(RideEvent event) {
        RideStatus next = statusAfter(event);
        if (event instanceof RideRequested e) {
            return new Ride(rideId, next, e.riderId(), e.pickup(), e.dropoff(), null, e.requestedAt(), null);
        }
        String driver = event instanceof DriverAssigned e ? e.driverId() : driverId;
        Money newFare = event instanceof RideCompleted e ? e.fare() : fare;
        return new Ride(rideId, next, riderId, pickup, dropoff, driver, requestedAt, newFare);
    }

    /** Whether {@code event} is the legal next step of a ride in status {@code current} (the brief's rules). */
    public static boolean canFollow(RideStatus current, RideEvent event) {
        if (event instanceof RideCancelled) {
            return current == RideStatus.REQUESTED || current == RideStatus.ASSIGNED;
        }
        RideStatus required = event instanceof RideRequested ? RideStatus.NONE
                : event instanceof DriverAssigned ? RideStatus.REQUESTED
                : event instanceof RideStarted ? RideStatus.ASSIGNED
                : event instanceof RideCompleted ? RideStatus.STARTED
                : RideStatus.COMPLETED;
        return current == required;
    }

    /** The status an event leads to; it does not depend on the state before it. */
    public static RideStatus statusAfter(RideEvent event) {
        if (event instanceof RideRequested) {
            return RideStatus.REQUESTED;
        }
        if (event instanceof DriverAssigned) {
            return RideStatus.ASSIGNED;
        }
        if (event instanceof RideStarted) {
            return RideStatus.STARTED;
        }
        if (event instanceof RideCompleted) {
            return RideStatus.COMPLETED;
        }
        if (event instanceof PaymentProcessed) {
            return RideStatus.PAID;
        }
        if (event instanceof RideCancelled) {
            return RideStatus.CANCELLED;
        }
        throw new IllegalStateException("unhandled event " + event);
    }

    private Decision refuse(String verb) {
        return Decision.reject("cannot " + verb + " ride " + rideId + ": it is " + status.name().toLowerCase());
    }
}
