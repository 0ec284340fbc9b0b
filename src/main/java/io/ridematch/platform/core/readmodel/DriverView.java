package io.ridematch.platform.core.readmodel;

import io.ridematch.contract.geo.LatLng;
import java.time.Instant;

/** One driver as the API shows it. */
public record DriverView(String driverId, DriverStatus status, LatLng position, String rideId, Instant since,
                         long completedRides) {

    public enum DriverStatus { OFFLINE, IDLE, TO_PICKUP, ON_TRIP }
}
