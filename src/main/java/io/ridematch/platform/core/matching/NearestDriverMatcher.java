package io.ridematch.platform.core.matching;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.DriverIndex.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
        List<Match> matches = new ArrayList<>();
        for (WaitingRide ride : waiting) {
            if (available.size() == 0) {
                break;
            }
            available.nearest(ride.pickup(), maxPickupMeters).ifPresent(c -> {
                available.remove(c.driverId());
                matches.add(new Match(ride.rideId(), c.driverId(), c.position(), c.distanceMeters()));
            });
        }
        return matches;
    }
}
