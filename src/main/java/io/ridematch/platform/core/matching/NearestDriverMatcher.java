package io.ridematch.platform.core.matching;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.DriverIndex.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/** Greedy dispatch: each waiting ride, oldest first, gets the nearest free driver within reach. */
public final class NearestDriverMatcher implements Matcher.FollowsChanges {

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

    /**
     * Greedy over every waiting ride, oldest first, looking only at those that can be served: the new rides
     * (each searched among all free drivers), and the waited ones as they come, oldest first, in reach of a new
     * driver not taken yet (each searched among those drivers only, as none other is in reach). Each new driver's
     * waited rides are a stream, dropped once the driver is taken; a waited ride comes off a stream only while a
     * new driver in reach is free, so it is matched: a round looks at about as many waited rides as it matches.
     */
    @Override
    public List<Match> match(List<WaitingRide> newRides, Map<String, LatLng> newDrivers, WaitedRides waited,
                             DriverIndex available, Instant now) {
        record Stream(WaitingRide head, String driverId, Iterator<WaitingRide> rest) {
        }
        PriorityQueue<Stream> streams = new PriorityQueue<>((a, b) -> WaitingRide.OLDEST_FIRST.compare(a.head(), b.head()));
        GridIndex untaken = new GridIndex(CELL_METERS, newDrivers.isEmpty() ? 0
                : newDrivers.values().iterator().next().lat());
        newDrivers.forEach((driverId, position) -> {
            untaken.put(driverId, position);
            Iterator<WaitingRide> rides = waited.oldestInReach(position);
            if (rides.hasNext()) {
                streams.add(new Stream(rides.next(), driverId, rides));
            }
        });
        Set<String> seen = new HashSet<>();
        List<Match> matches = new ArrayList<>();
        int nextNew = 0;
        while (available.size() > 0 && (nextNew < newRides.size() || !streams.isEmpty())) {
            if (streams.isEmpty() || nextNew < newRides.size()
                    && WaitingRide.OLDEST_FIRST.compare(newRides.get(nextNew), streams.peek().head()) < 0) {
                WaitingRide ride = newRides.get(nextNew++);
                available.nearest(ride.pickup(), maxPickupMeters).ifPresent(c -> take(ride, c, available, untaken,
                        matches));
                continue;
            }
            Stream stream = streams.poll();
            if (!untaken.contains(stream.driverId())) {
                continue; // taken: its rides are searched from the streams of the drivers still free
            }
            WaitingRide ride = stream.head();
            if (seen.add(ride.rideId())) {
                untaken.nearest(ride.pickup(), maxPickupMeters).ifPresent(c -> take(ride, c, available, untaken,
                        matches));
            }
            if (untaken.contains(stream.driverId()) && stream.rest().hasNext()) {
                streams.add(new Stream(stream.rest().next(), stream.driverId(), stream.rest()));
            }
        }
        return matches;
    }

    private static void take(WaitingRide ride, Candidate driver, DriverIndex available, DriverIndex untaken,
                             List<Match> matches) {
        available.remove(driver.driverId());
        untaken.remove(driver.driverId());
        matches.add(new Match(ride.rideId(), driver.driverId(), driver.position(), driver.distanceMeters()));
    }

    /** The new drivers' own index: as the board's, half-kilometre cells. */
    private static final double CELL_METERS = 500;

    /** Every ride searched in the whole index: nothing known about the last round. */
    @Override
    public List<Match> match(List<WaitingRide> waiting, DriverIndex available, Instant now) {
        return match(waiting, Set.of(), Map.of(), available, now);
    }
}
