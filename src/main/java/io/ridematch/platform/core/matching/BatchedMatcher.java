package io.ridematch.platform.core.matching;

import io.ridematch.platform.core.matching.DriverIndex.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batched dispatch, as Uber and Lyft moved to: requests wait for a window (2 s of simulation time by default),
 * then the whole batch is matched at once by the assignment that serves the most riders and, among those,
 * minimises the total pickup distance (so the total pickup time), solved exactly by the Hungarian method. Each
 * rider considers only its nearest {@code candidates} free drivers in reach, which keeps the problem small;
 * a batch takes at most {@code maxBatch} riders, oldest first.
 */
public final class BatchedMatcher implements Matcher {

    private final double maxPickupMeters;
    private final long windowSeconds;
    private final int candidates;
    private final int maxBatch;

    public BatchedMatcher(double maxPickupMeters, long windowSeconds, int candidates, int maxBatch) {
        this.maxPickupMeters = maxPickupMeters;
        this.windowSeconds = windowSeconds;
        this.candidates = candidates;
        this.maxBatch = maxBatch;
    }

    @Override
    public double maxPickupMeters() {
        return maxPickupMeters;
    }

    @Override
    public boolean roundDue(Instant now) {
        return now.getEpochSecond() % windowSeconds == 0;
    }

    @Override
    public List<Match> match(List<WaitingRide> waiting, DriverIndex available, Instant now) {
        List<WaitingRide> riders = waiting.size() > maxBatch ? waiting.subList(0, maxBatch) : waiting;
        Map<String, Integer> columnOfDriver = new LinkedHashMap<>();
        Map<String, Candidate> driverById = new HashMap<>();
        List<List<Candidate>> options = new ArrayList<>();
        for (WaitingRide ride : riders) {
            List<Candidate> near = available.nearest(ride.pickup(), maxPickupMeters, candidates);
            options.add(near);
            for (Candidate c : near) {
                columnOfDriver.putIfAbsent(c.driverId(), columnOfDriver.size());
                driverById.putIfAbsent(c.driverId(), c);
            }
        }
        if (columnOfDriver.isEmpty()) {
            return List.of();
        }
        int n = riders.size();
        int drivers = columnOfDriver.size();
        // one "nobody" column per rider: costlier than any real pickup, so the most riders get served first
        double unserved = maxPickupMeters * (n + 1) + 1;
        double[][] cost = new double[n][drivers + n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(cost[i], 0, drivers, Double.MAX_VALUE / 4);
            java.util.Arrays.fill(cost[i], drivers, drivers + n, unserved);
            for (Candidate c : options.get(i)) {
                cost[i][columnOfDriver.get(c.driverId())] = c.distanceMeters();
            }
        }
        int[] column = Assignment.solve(cost);
        List<String> driverIds = new ArrayList<>(columnOfDriver.keySet());
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (column[i] < drivers && cost[i][column[i]] <= maxPickupMeters) {
                String driverId = driverIds.get(column[i]);
                Candidate offer = options.get(i).stream().filter(c -> c.driverId().equals(driverId)).findFirst()
                        .orElseThrow();
                matches.add(new Match(riders.get(i).rideId(), driverId, offer.position(), offer.distanceMeters()));
            }
        }
        matches.forEach(m -> available.remove(m.driverId()));
        return matches;
    }
}
