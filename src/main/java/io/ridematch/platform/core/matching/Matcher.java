package io.ridematch.platform.core.matching;

import io.ridematch.contract.geo.LatLng;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A dispatch algorithm: pairs waiting rides with available drivers. */
public interface Matcher {

    /**
     * @param waiting   rides waiting for a driver, oldest first (ties by ride id)
     * @param available drivers free to take a ride; every driver matched is taken out of it
     */
    List<Match> match(List<WaitingRide> waiting, DriverIndex available, Instant now);

    /**
     * How many rides of a round this matcher looks at, oldest first: the rest of the list it is given need not be
     * found. All of them unless a matcher knows better.
     */
    default int oldestTaken() {
        return Integer.MAX_VALUE;
    }

    /** The farthest a driver may be from a pickup to be offered the ride. */
    double maxPickupMeters();

    /** Whether this dispatch round matches; a batching matcher skips the rounds inside its window. */
    default boolean roundDue(Instant now) {
        return true;
    }

    /**
     * The first round after {@code now} this matcher matches at: for a matcher that matches every round, any time
     * after now (the clock's next step).
     */
    default Instant firstRoundAfter(Instant now) {
        return now.plusNanos(1);
    }

    /**
     * A matcher that takes a round as what changed: the rides new since the last round, the drivers new since
     * (freed, come online, moved), and the rides that waited through it, found near a new driver as they are
     * needed. It gives the matches {@link #match(List, DriverIndex, Instant)} gives with every waiting ride,
     * looking at few of them.
     */
    interface FollowsChanges extends Matcher {

        /** The rides that waited through the last round, oldest first, whose pickup is in reach of a point. */
        @FunctionalInterface
        interface WaitedRides {
            java.util.Iterator<WaitingRide> oldestInReach(LatLng from);
        }

        /**
         * @param newRides   rides new since the last round, or put back in it, oldest first
         * @param newDrivers drivers new since the last round, with their positions, all in {@code available}
         * @param waited     the other waiting rides: none has a driver in reach but those in {@code newDrivers}
         */
        List<Match> match(List<WaitingRide> newRides, Map<String, LatLng> newDrivers, WaitedRides waited,
                          DriverIndex available, Instant now);
    }

    record WaitingRide(String rideId, LatLng pickup, Instant requestedAt) {

        /** Oldest request first, ties by ride id; written out, as it runs for every ride a round looks at. */
        public static final java.util.Comparator<WaitingRide> OLDEST_FIRST = (a, b) -> {
            int byTime = a.requestedAt().compareTo(b.requestedAt());
            return byTime != 0 ? byTime : a.rideId().compareTo(b.rideId());
        };
    }

    record Match(String rideId, String driverId, LatLng driverPosition, double distanceMeters) {
    }
}
