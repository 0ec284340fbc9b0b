package io.ridematch.platform.core.matching;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.Matcher.WaitingRide;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Where the waiting rides are: square grid cells, each keeping its rides oldest first, so "the oldest few rides
 * in reach of this driver" walks a handful of rides per cell in reach instead of every ride in reach, which in a
 * city short of drivers is thousands per freed driver.
 */
final class WaitingPlaces {

    private final Comparator<WaitingRide> oldestFirst;
    private final GridIndex.Squares squares;
    private final Long2ObjectHashMap<NavigableSet<WaitingRide>> cells = new Long2ObjectHashMap<>(64, 0.5f);
    private final Map<String, WaitingRide> byId = new HashMap<>();

    WaitingPlaces(GridIndex.Squares squares, Comparator<WaitingRide> oldestFirst) {
        this.squares = squares;
        this.oldestFirst = oldestFirst;
    }

    void put(WaitingRide ride) {
        remove(ride.rideId());
        byId.put(ride.rideId(), ride);
        long cell = squares.cellOf(ride.pickup());
        NavigableSet<WaitingRide> rides = cells.get(cell);
        if (rides == null) {
            rides = new TreeSet<>(oldestFirst);
            cells.put(cell, rides);
        }
        rides.add(ride);
    }

    void remove(String rideId) {
        WaitingRide ride = byId.remove(rideId);
        if (ride != null) {
            long cell = squares.cellOf(ride.pickup());
            NavigableSet<WaitingRide> rides = cells.get(cell);
            rides.remove(ride);
            if (rides.isEmpty()) {
                cells.remove(cell);
            }
        }
    }

    /**
     * The rides whose pickup is within {@code maxMeters} of {@code from}, oldest first, found as they are asked
     * for (the cells' oldest-first orders merged), leaving out those {@code skip} accepts. Valid until the next
     * {@link #put} or {@link #remove}.
     */
    Iterator<WaitingRide> oldestInReach(LatLng from, double maxMeters, Predicate<WaitingRide> skip) {
        PriorityQueue<Head> heads = new PriorityQueue<>(this::older);
        squares.forEachCellAround(from, maxMeters, cell -> {
            NavigableSet<WaitingRide> rides = cells.get(cell);
            if (rides != null) {
                Iterator<WaitingRide> it = rides.iterator();
                heads.add(new Head(it.next(), it, null));
            }
        });
        return merged(heads, (ride, points) -> !skip.test(ride) && from.distanceMeters(ride.pickup()) <= maxMeters);
    }

    /**
     * The rides whose pickup is within {@code maxMeters} of any of {@code froms}, oldest first and each once,
     * leaving out those {@code skip} accepts: each cell in anyone's reach is merged once, and a ride in it is
     * measured only against the points whose reach the cell is in. Valid until the next {@link #put} or
     * {@link #remove}.
     */
    Iterator<WaitingRide> oldestInReachOfAny(List<LatLng> froms, double maxMeters, Predicate<WaitingRide> skip) {
        Long2ObjectHashMap<IntArrayList> reachedFrom = new Long2ObjectHashMap<>();
        for (int i = 0; i < froms.size(); i++) {
            int from = i;
            squares.forEachCellAround(froms.get(i), maxMeters, cell -> {
                if (cells.containsKey(cell)) {
                    IntArrayList points = reachedFrom.get(cell);
                    if (points == null) {
                        points = new IntArrayList(4, IntArrayList.DEFAULT_NULL_VALUE);
                        reachedFrom.put(cell, points);
                    }
                    points.addInt(from);
                }
            });
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, reachedFrom.size()), this::older);
        reachedFrom.forEach((cell, points) -> {
            Iterator<WaitingRide> it = cells.get(cell).iterator();
            heads.add(new Head(it.next(), it, points));
        });
        return merged(heads, (ride, points) -> !skip.test(ride) && inReach(ride, froms, points, maxMeters));
    }

    private static boolean inReach(WaitingRide ride, List<LatLng> froms, IntArrayList points, double maxMeters) {
        for (int p = 0; p < points.size(); p++) {
            if (froms.get(points.getInt(p)).distanceMeters(ride.pickup()) <= maxMeters) {
                return true;
            }
        }
        return false;
    }

    /** The cells' rides merged oldest first as they are asked for, those {@code takes} accepts. */
    private static Iterator<WaitingRide> merged(PriorityQueue<Head> heads,
                                                BiPredicate<WaitingRide, IntArrayList> takes) {
        return new Iterator<>() {
            private WaitingRide next = advance();

            private WaitingRide advance() {
                while (!heads.isEmpty()) {
                    Head head = heads.poll();
                    WaitingRide ride = head.ride();
                    if (head.rest().hasNext()) {
                        heads.add(new Head(head.rest().next(), head.rest(), head.points()));
                    }
                    if (takes.test(ride, head.points())) {
                        return ride;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public WaitingRide next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                WaitingRide ride = next;
                next = advance();
                return ride;
            }
        };
    }

    /**
     * A cell's oldest ride not yet taken, the rest of that cell's rides, and which of the points asked about have
     * the cell in reach (null when one point was).
     */
    private record Head(WaitingRide ride, Iterator<WaitingRide> rest, IntArrayList points) {
    }

    private int older(Head a, Head b) {
        return oldestFirst.compare(a.ride(), b.ride());
    }

    int size() {
        return byId.size();
    }
}
