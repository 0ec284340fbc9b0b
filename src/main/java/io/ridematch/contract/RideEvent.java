package io.ridematch.contract;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.money.Money;
import java.time.Instant;

/** The ride lifecycle, in the order the brief fixes: requested, then assigned, started, completed, paid; or cancelled. */
public sealed interface RideEvent extends DomainEvent {

    String rideId();

    @Override
    default String subject() {
        return rideId();
    }

    record RideRequested(String rideId, String riderId, LatLng pickup, LatLng dropoff, Instant requestedAt)
            implements RideEvent {
        @Override
        public Instant occurredAt() {
            return requestedAt;
        }
    }

    record DriverAssigned(String rideId, String driverId, LatLng driverPosition, long pickupEtaSeconds,
                          Instant assignedAt) implements RideEvent {
        @Override
        public Instant occurredAt() {
            return assignedAt;
        }
    }

    record RideStarted(String rideId, String driverId, Instant startedAt) implements RideEvent {
        @Override
        public Instant occurredAt() {
            return startedAt;
        }
    }

    record RideCompleted(String rideId, String driverId, double distanceMeters, long durationSeconds, Money fare,
                         double surgeMultiplier, Instant completedAt) implements RideEvent {
        @Override
        public Instant occurredAt() {
            return completedAt;
        }
    }

    record RideCancelled(String rideId, CancelReason reason, Instant cancelledAt) implements RideEvent {
        @Override
        public Instant occurredAt() {
            return cancelledAt;
        }
    }

    record PaymentProcessed(String rideId, String paymentId, Money amount, Instant processedAt) implements RideEvent {
        @Override
        public Instant occurredAt() {
            return processedAt;
        }
    }

    /** The payment provider never took the charge, after the last retry: the ride is over, unpaid. */
    record PaymentFailed(String rideId, String paymentId, String reason, int attempts, Instant failedAt)
            implements RideEvent {
        @Override
        public Instant occurredAt() {
            return failedAt;
        }
    }
}
