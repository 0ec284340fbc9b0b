package io.ridematch.platform.core.matching;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.DriverIndex.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Greedy dispatch: each waiting ride, oldest first, gets the nearest free driver within reach. */
public final class NearestDriverMatcher implements Matcher {

    private final double maxPickupMeters;

    public NearestDriverMatcher(double maxPickupMeters) {
        this.maxPickupMeters = maxPickupMeters;
    }

    @Override
    public double maxPickupMeters() {
        return maxPickupMeters;
    }

    /**
     * A ride that waited through the last round can only take one of the new drivers; each older one in reach of
     * a driver it takes took one before it, so at most {@code newDrivers - 1} older ones can: only the oldest
     * {@code newDrivers} in reach of each can be served.
     */
    @Override
    public int oldestPerNewDriver(int newDrivers) {
        return newDrivers;
    }

    /** Beyond this many new drivers in a round, searching the index beats looking at each of them. */
    private static final int NEW_DRIVERS_SCANNED = 256;

    @Override
    public List<Match> match(List<WaitingRide> waiting, Set<String> waitedThroughLastRound,
                             Map<String, LatLng> newDrivers, DriverIndex available, Instant now) {
        // in an undersupplied peak thousands of rides wait through round after round; each could only be served
        // by one of the few drivers new this round, so those few are all it looks at
        boolean scanNew = newDrivers.size() <= NEW_DRIVERS_SCANNED;
        Map<String, LatLng> stillFree = scanNew ? new HashMap<>(newDrivers) : Map.of();
        List<Match> matches = new ArrayList<>();
        for (WaitingRide ride : waiting) {
            if (available.size() == 0) {
                break;
            }
            Optional<Candidate> nearest = scanNew && waitedThroughLastRound.contains(ride.rideId())
                    ? nearestAmong(stillFree, ride.pickup()) : available.nearest(ride.pickup(), maxPickupMeters);
            nearest.ifPresent(candidate -> {
                available.remove(candidate.driverId());
                if (scanNew) {
                    stillFree.remove(candidate.driverId());
                }
                matches.add(new Match(ride.rideId(), candidate.driverId(), candidate.position(),
                        candidate.distanceMeters()));
            });
        }
        return matches;
    }

    /** The nearest within reach, ties to the smaller id: what {@link DriverIndex#nearest} answers. */
    private Optional<Candidate> nearestAmong(Map<String, LatLng> drivers, LatLng pickup) {
        Candidate best = null;
        for (Map.Entry<String, LatLng> driver : drivers.entrySet()) {
            double d = pickup.distanceMeters(driver.getValue());
            if (d <= maxPickupMeters && (best == null || d < best.distanceMeters()
                    || d == best.distanceMeters() && driver.getKey().compareTo(best.driverId()) < 0)) {
                best = new Candidate(driver.getKey(), driver.getValue(), d);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every ride searched in the whole index: nothing known about the last round. */
    @Override
    public List<Match> match(List<WaitingRide> waiting, DriverIndex available, Instant now) {
        return match(waiting, Set.of(), Map.of(), available, now);
    }
}
