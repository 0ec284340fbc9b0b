package io.ridematch.platform.core.matching;

import io.ridematch.platform.core.matching.DriverIndex.Candidate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Batched dispatch, as Uber and Lyft moved to: requests wait for a window (2 s of simulation time by default),
 * then the whole batch is matched at once by the assignment that serves the most riders and, among those,
 * minimises the total pickup distance (so the total pickup time). Each rider considers only its nearest
 * {@code candidates} free drivers in reach, so a batch is a sparse graph (a rider with none in reach is not in
 * it at all), solved exactly by {@link SparseAssignment}; a batch takes at most {@code maxBatch} riders, oldest
 * first.
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

    /** A batch is the oldest {@code maxBatch} rides of the round. */
    @Override
    public int oldestTaken() {
        return maxBatch;
    }

    @Override
    public boolean roundDue(Instant now) {
        return now.getEpochSecond() % windowSeconds == 0;
    }

    @Override
    public Instant firstRoundAfter(Instant now) {
        return Instant.ofEpochSecond((now.getEpochSecond() / windowSeconds + 1) * windowSeconds);
    }

    @Override
    public List<Match> match(List<WaitingRide> waiting, DriverIndex available, Instant now) {
        List<WaitingRide> batch = waiting.size() > maxBatch ? waiting.subList(0, maxBatch) : waiting;
        // rows: the riders with a free driver in reach; columns: those drivers, numbered as first met
        List<WaitingRide> riders = new ArrayList<>();
        List<List<Candidate>> options = new ArrayList<>();
        Map<String, Integer> columnOfDriver = new HashMap<>();
        int arcs = 0;
        List<List<Candidate>> nearest = available.size() < batch.size() ? fromTheDrivers(batch, available)
                : null;
        for (int i = 0; i < batch.size(); i++) {
            WaitingRide ride = batch.get(i);
            List<Candidate> near = nearest != null ? nearest.get(i)
                    : available.nearest(ride.pickup(), maxPickupMeters, candidates);
            if (!near.isEmpty()) {
                riders.add(ride);
                options.add(near);
                arcs += near.size();
                near.forEach(c -> columnOfDriver.putIfAbsent(c.driverId(), columnOfDriver.size()));
            }
        }
        int[] arcStart = new int[riders.size() + 1];
        int[] arcColumn = new int[arcs];
        double[] arcCost = new double[arcs];
        int arc = 0;
        for (int r = 0; r < riders.size(); r++) {
            for (Candidate c : options.get(r)) {
                arcColumn[arc] = columnOfDriver.get(c.driverId());
                arcCost[arc] = c.distanceMeters();
                arc++;
            }
            arcStart[r + 1] = arc;
        }
        int[] column = SparseAssignment.solve(columnOfDriver.size(), arcStart, arcColumn, arcCost);
        List<Match> matches = new ArrayList<>();
        for (int r = 0; r < riders.size(); r++) {
            if (column[r] >= 0) {
                for (int a = arcStart[r]; a < arcStart[r + 1]; a++) {
                    if (arcColumn[a] == column[r]) {
                        Candidate offer = options.get(r).get(a - arcStart[r]);
                        matches.add(new Match(riders.get(r).rideId(), offer.driverId(), offer.position(),
                                offer.distanceMeters()));
                    }
                }
            }
        }
        matches.forEach(m -> available.remove(m.driverId()));
        return matches;
    }

    /**
     * Each rider's {@code candidates} nearest free drivers in reach, closest first, ties by id (what
     * {@link DriverIndex#nearest(LatLng, double, int)} answers), found from the drivers' side: with fewer free
     * drivers than riders (an undersupplied peak, where most of the oldest riders have none in reach) looking
     * around each driver for the batch's pickups visits far fewer cells than looking around each pickup.
     */
    List<List<Candidate>> fromTheDrivers(List<WaitingRide> batch, DriverIndex available) {
        GridIndex.Squares squares = new GridIndex.Squares(PICKUP_CELL_METERS, batch.getFirst().pickup().lat());
        Long2ObjectHashMap<IntArrayList> ridersIn = new Long2ObjectHashMap<>();
        List<List<Candidate>> near = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            long cell = squares.cellOf(batch.get(i).pickup());
            IntArrayList riders = ridersIn.get(cell);
            if (riders == null) {
                riders = new IntArrayList(4, IntArrayList.DEFAULT_NULL_VALUE);
                ridersIn.put(cell, riders);
            }
            riders.addInt(i);
            near.add(List.of()); // a list of its own once a driver is in reach
        }
        // every cell that may hold a pickup in reach of the driver, then the rider's own distance decides, as in
        // its search
        available.forEach((driverId, position) -> squares.forEachCellAround(position, maxPickupMeters, cell -> {
            IntArrayList riders = ridersIn.get(cell);
            if (riders != null) {
                for (int r = 0; r < riders.size(); r++) {
                    int rider = riders.getInt(r);
                    double meters = batch.get(rider).pickup().distanceMeters(position);
                    if (meters <= maxPickupMeters) {
                        List<Candidate> kept = near.get(rider);
                        if (kept.isEmpty()) {
                            kept = new ArrayList<>(candidates);
                            near.set(rider, kept);
                        }
                        keepNearest(kept, new Candidate(driverId, position, meters));
                    }
                }
            }
        }));
        return near;
    }

    /**
     * Puts {@code candidate} in its place among a rider's {@code candidates} nearest so far, closest first, and lets
     * the farthest go when there are more: the same list as sorting every driver in reach and keeping the first,
     * without holding or sorting them all (at New York's peak a rider has hundreds in reach).
     */
    private void keepNearest(List<Candidate> kept, Candidate candidate) {
        if (kept.size() == candidates) {
            if (NEAREST_FIRST.compare(candidate, kept.getLast()) >= 0) {
                return;
            }
            kept.removeLast();
        }
        int at = Collections.binarySearch(kept, candidate, NEAREST_FIRST);
        kept.add(at < 0 ? -at - 1 : at, candidate);
    }

    private static final double PICKUP_CELL_METERS = 1500;
    private static final java.util.Comparator<Candidate> NEAREST_FIRST =
            java.util.Comparator.comparingDouble(Candidate::distanceMeters).thenComparing(Candidate::driverId);
}
