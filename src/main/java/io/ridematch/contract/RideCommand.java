package io.ridematch.contract;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.money.Money;
import java.time.Instant;

/** What someone asks of a ride. Each carries the simulation time it is asked at. */
public sealed interface RideCommand {

    String rideId();

    Instant at();

    /** The same command, asked at another time. */
    RideCommand at(Instant time);

    record RequestRide(String rideId, String riderId, LatLng pickup, LatLng dropoff, Instant at)
            implements RideCommand {
        @Override
        public RequestRide at(Instant time) {
            return new RequestRide(rideId, riderId, pickup, dropoff, time);
        }
    }

    record AssignDriver(String rideId, String driverId, LatLng driverPosition, long pickupEtaSeconds, Instant at)
            implements RideCommand {
        @Override
        public AssignDriver at(Instant time) {
            return new AssignDriver(rideId, driverId, driverPosition, pickupEtaSeconds, time);
        }
    }

    record StartRide(String rideId, Instant at) implements RideCommand {
        @Override
        public StartRide at(Instant time) {
            return new StartRide(rideId, time);
        }
    }

    record CompleteRide(String rideId, double distanceMeters, long durationSeconds, Money fare,
                        double surgeMultiplier, Instant at) implements RideCommand {
        @Override
        public CompleteRide at(Instant time) {
            return new CompleteRide(rideId, distanceMeters, durationSeconds, fare, surgeMultiplier, time);
        }
    }

    record ProcessPayment(String rideId, String paymentId, Instant at) implements RideCommand {
        @Override
        public ProcessPayment at(Instant time) {
            return new ProcessPayment(rideId, paymentId, time);
        }
    }

    record FailPayment(String rideId, String paymentId, String reason, int attempts, Instant at)
            implements RideCommand {
        @Override
        public FailPayment at(Instant time) {
            return new FailPayment(rideId, paymentId, reason, attempts, time);
        }
    }

    record CancelRide(String rideId, CancelReason reason, Instant at) implements RideCommand {
        @Override
        public CancelRide at(Instant time) {
            return new CancelRide(rideId, reason, time);
        }
    }
}
