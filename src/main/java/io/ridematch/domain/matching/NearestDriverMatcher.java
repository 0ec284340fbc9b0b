package io.ridematch.domain.matching;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    @Override
    public List<Match> match(List<WaitingRide> waiting, DriverIndex available, Instant now) {
        List<Match> matches = new ArrayList<>();
        for (WaitingRide ride : waiting) {
            if (available.size() == 0) {
                break;
            }
            available.nearest(ride.pickup(), maxPickupMeters).ifPresent(candidate -> {
                available.remove(candidate.driverId());
                matches.add(new Match(ride.rideId(), candidate.driverId(), candidate.position(),
                        candidate.distanceMeters()));
            });
        }
        return matches;
    }
}
