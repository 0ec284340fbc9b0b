package io.ridematch.platform.core.matching;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.Matcher.WaitingRide;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Predicate;
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
                heads.add(new Head(it.next(), it));
            }
        });
        return new Iterator<>() {
            private WaitingRide next = advance();

            private WaitingRide advance() {
                while (!heads.isEmpty()) {
                    Head head = heads.poll();
                    WaitingRide ride = head.ride();
                    if (head.rest().hasNext()) {
                        heads.add(new Head(head.rest().next(), head.rest()));
                    }
                    if (!skip.test(ride) && from.distanceMeters(ride.pickup()) <= maxMeters) {
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

    /** A cell's oldest ride not yet taken, and the rest of that cell's rides. */
    private record Head(WaitingRide ride, Iterator<WaitingRide> rest) {
    }

    private int older(Head a, Head b) {
        return oldestFirst.compare(a.ride(), b.ride());
    }

    int size() {
        return byId.size();
    }
}
