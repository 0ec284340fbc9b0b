package io.ridematch.contract;

import io.ridematch.contract.geo.LatLng;
import java.time.Instant;

/**
 * The conversation between the platform and one driver's app about one ride: the platform offers, the driver
 * accepts or declines. Only an accepted offer becomes a {@code DriverAssigned}; the platform holds the driver and
 * the ride until the answer comes, or until it waited long enough.
 */
public sealed interface DriverOffer {

    String rideId();

    String driverId();

    Instant at();

    /** The platform offers {@code rideId}, picking up at {@code pickup}, to {@code driverId}. */
    record RideOffered(String rideId, String driverId, LatLng pickup, Instant at) implements DriverOffer {
    }

    /** What the driver's app says to an offer. */
    sealed interface Answer extends DriverOffer {
    }

    record OfferAccepted(String rideId, String driverId, Instant at) implements Answer {
    }

    record OfferDeclined(String rideId, String driverId, Instant at) implements Answer {
    }
}
