package io.ridematch.domain.ride;

import io.ridematch.domain.event.CancelReason;
import io.ridematch.domain.geo.LatLng;
import io.ridematch.domain.money.Money;
import java.time.Instant;

/** What someone asks of a ride. Each carries the simulation time it is asked at. */
public sealed interface RideCommand {

    String rideId();

    Instant at();

    record RequestRide(String rideId, String riderId, LatLng pickup, LatLng dropoff, Instant at)
            implements RideCommand {
    }

    record AssignDriver(String rideId, String driverId, LatLng driverPosition, long pickupEtaSeconds, Instant at)
            implements RideCommand {
    }

    record StartRide(String rideId, Instant at) implements RideCommand {
    }

    record CompleteRide(String rideId, double distanceMeters, long durationSeconds, Money fare,
                        double surgeMultiplier, Instant at) implements RideCommand {
    }

    record ProcessPayment(String rideId, String paymentId, Instant at) implements RideCommand {
    }

    record CancelRide(String rideId, CancelReason reason, Instant at) implements RideCommand {
    }
}
