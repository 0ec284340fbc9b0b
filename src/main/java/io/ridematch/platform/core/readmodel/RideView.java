package io.ridematch.platform.core.readmodel;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.money.Money;
import io.ridematch.platform.core.ride.RideStatus;
import java.time.Instant;

/** One ride as the API shows it. Fields not reached yet are null. */
public record RideView(String rideId, String riderId, RideStatus status, LatLng pickup, LatLng dropoff,
                       Instant requestedAt, String driverId, Long pickupEtaSeconds, Instant assignedAt,
                       Instant startedAt, Instant completedAt, Double distanceMeters, Money fare,
                       String paymentId, Instant paidAt, CancelReason cancelReason, Instant cancelledAt) {
}
