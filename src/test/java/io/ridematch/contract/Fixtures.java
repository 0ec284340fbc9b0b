package io.ridematch.contract;

import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.money.Money;
import java.time.Instant;

/** Small building blocks for domain tests: places, times and the events of one ride. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");
    public static final LatLng TIMES_SQUARE = new LatLng(40.7580, -73.9855);
    public static final LatLng GRAND_CENTRAL = new LatLng(40.7527, -73.9772);
    public static final LatLng UNION_SQUARE = new LatLng(40.7359, -73.9911);
    public static final Money FARE = Money.of("14.20", "USD");

    private Fixtures() {
    }

    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    public static RideRequested requested(String rideId) {
        return new RideRequested(rideId, "rider-1", TIMES_SQUARE, UNION_SQUARE, at(0));
    }

    public static DriverAssigned assigned(String rideId, String driverId) {
        return new DriverAssigned(rideId, driverId, GRAND_CENTRAL, 120, at(1));
    }

    public static RideStarted started(String rideId, String driverId) {
        return new RideStarted(rideId, driverId, at(121));
    }

    public static RideCompleted completed(String rideId, String driverId) {
        return new RideCompleted(rideId, driverId, 2600, 600, FARE, 1.0, at(721));
    }

    public static PaymentProcessed paid(String rideId) {
        return new PaymentProcessed(rideId, "pay-" + rideId, FARE, at(721));
    }

    public static RideCancelled cancelled(String rideId) {
        return new RideCancelled(rideId, CancelReason.RIDER_TIMEOUT, at(300));
    }

    /** The whole happy path of one ride, in order. */
    public static RideEvent[] fullRide(String rideId, String driverId) {
        return new RideEvent[] {requested(rideId), assigned(rideId, driverId), started(rideId, driverId),
                completed(rideId, driverId), paid(rideId)};
    }
}
