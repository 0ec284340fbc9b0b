package io.ridematch.domain.readmodel;

import io.ridematch.domain.event.CancelReason;
import io.ridematch.domain.geo.LatLng;
import io.ridematch.domain.money.Money;
import io.ridematch.domain.ride.RideStatus;
import java.time.Instant;

/** One ride as the API shows it. Fields not reached yet are null. */
public record RideView(String rideId, String riderId, RideStatus status, LatLng pickup, LatLng dropoff,
                       Instant requestedAt, String driverId, Long pickupEtaSeconds, Instant assignedAt,
                       Instant startedAt, Instant completedAt, Double distanceMeters, Money fare,
                       String paymentId, Instant paidAt, CancelReason cancelReason, Instant cancelledAt) {
}
