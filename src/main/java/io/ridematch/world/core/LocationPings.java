package io.ridematch.world.core;

import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.geo.LatLng;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * Drivers' apps reporting where they are every {@code every} while they move: on the way to a pickup, on a trip,
 * or driving to a hotspot. A move is a leg from one point to another over a span of time; a ping gives the point
 * along the straight line the share of that span gone. The leg's own end (the pickup, the drop-off, the hotspot)
 * is reported by whoever ends it, as without pings. Off ({@code every} zero), nothing is kept.
 */
final class LocationPings {

    /** Departure and arrival in epoch milliseconds, for the point along the leg at each report. */
    private record Leg(LatLng from, LatLng to, Instant arrives, long departsMillis, long arrivesMillis) {
        Leg(LatLng from, LatLng to, Instant departs, Instant arrives) {
            this(from, to, arrives, departs.toEpochMilli(), arrives.toEpochMilli());
        }
    }


    private final Duration every;
    private final IntFunction<String> driverIds;
    private final Leg[] legs;
    private final DueCalendar due = new DueCalendar();

    /** @param every zero for no pings */
    LocationPings(int drivers, Duration every, IntFunction<String> driverIds) {
        this.every = every;
        this.driverIds = driverIds;
        this.legs = every.isZero() ? null : new Leg[drivers];
    }

    /** Driver {@code driver} drives from {@code from} to {@code to}, leaving at {@code departs}. */
    void start(int driver, LatLng from, LatLng to, Instant departs, Instant arrives) {
        if (legs == null || from == null || to == null || !arrives.isAfter(departs)) {
            return;
        }
        Leg leg = new Leg(from, to, departs, arrives);
        legs[driver] = leg;
        due.push(departs.plus(every), driver, leg);
    }

    /** The driver stopped moving (arrived, taken off the leg, gone offline): no more pings for that leg. */
    void stop(int driver) {
        if (legs != null) {
            legs[driver] = null;
        }
    }

    /** When the next ping is due (its leg may have ended meanwhile), or null for none. */
    Instant nextDue() {
        return due.firstAt();
    }

    /** Every ping due by {@code until}, stamped {@code until}, at the point then; {@code positions} follow. */
    void advance(Instant until, LatLng[] positions, List<DriverEvent> out) {
        DueCalendar.Bucket bucket;
        while ((bucket = due.takeDueBy(until)) != null) {
            Instant pinged = bucket.at;
            Instant next = pinged.plus(every); // the bucket's drivers all report next at the same instant
            Instant nextDue = next.isAfter(until) ? next : until.plus(every);
            long[] order = bucket.inDriverOrder();
            for (int k = 0; k < bucket.size; k++) {
                int entry = (int) order[k];
                int driver = bucket.drivers[entry];
                Leg leg = bucket.legs[entry];
                if (legs[driver] != leg || !until.isBefore(leg.arrives())) {
                    continue; // that leg ended: its end was reported
                }
                LatLng at = along(leg, until);
                positions[driver] = at;
                out.add(new DriverLocationUpdated(driverIds.apply(driver), at, until));
                due.push(nextDue, driver, leg);
            }
            due.recycle(bucket);
        }
    }

    /**
     * The pings to come, by due time: one bucket of drivers a due instant, put in driver order when it comes due.
     * So pings leave soonest first and, at the same instant, by driver, as a heap would give them, for an append
     * a ping and a sort of plain numbers a bucket: a city's every moving driver is in here, and each report
     * takes one out and puts one back (a four-ary heap of primitive keys cost 7 % of the event loop's time).
     * Pings fall on the clock's ticks, so only the few instants of the next period hold any.
     */
    private static final class DueCalendar {

        static final class Bucket {
            Instant at;
            int size;
            int[] drivers = new int[64];
            Leg[] legs = new Leg[64];
            long[] order = new long[64];

            void add(int driver, Leg leg) {
                if (size == drivers.length) {
                    drivers = Arrays.copyOf(drivers, size * 2);
                    legs = Arrays.copyOf(legs, size * 2);
                }
                drivers[size] = driver;
                legs[size] = leg;
                size++;
            }

            /** The entries' indexes, in the low half of each number, by driver then index. */
            long[] inDriverOrder() {
                if (order.length < size) {
                    order = new long[drivers.length];
                }
                for (int i = 0; i < size; i++) {
                    order[i] = (long) drivers[i] << 32 | i;
                }
                Arrays.sort(order, 0, size);
                return order;
            }
        }

        private final TreeMap<Instant, Bucket> buckets = new TreeMap<>();
        private final ArrayDeque<Bucket> spare = new ArrayDeque<>();
        /** The bucket of the last push: a step's pings are mostly due at the same instant next period. */
        private Bucket lastPushed;

        Instant firstAt() {
            return buckets.isEmpty() ? null : buckets.firstKey();
        }

        void push(Instant at, int driver, Leg leg) {
            Bucket bucket = lastPushed;
            if (bucket == null || !bucket.at.equals(at)) {
                bucket = buckets.get(at);
                if (bucket == null) {
                    bucket = spare.isEmpty() ? new Bucket() : spare.pop();
                    bucket.at = at;
                    buckets.put(at, bucket);
                }
                lastPushed = bucket;
            }
            bucket.add(driver, leg);
        }

        /** The soonest bucket if it is due by {@code until}, taken out; null when none is. */
        Bucket takeDueBy(Instant until) {
            if (buckets.isEmpty() || buckets.firstKey().isAfter(until)) {
                return null;
            }
            Bucket bucket = buckets.pollFirstEntry().getValue();
            if (bucket == lastPushed) {
                lastPushed = null;
            }
            return bucket;
        }

        /** A bucket handled: kept for a later instant, its legs let go. */
        void recycle(Bucket bucket) {
            Arrays.fill(bucket.legs, 0, bucket.size, null);
            bucket.size = 0;
            bucket.at = null;
            spare.push(bucket);
        }
    }

    private static LatLng along(Leg leg, Instant t) {
        double share = (double) (t.toEpochMilli() - leg.departsMillis())
                / (leg.arrivesMillis() - leg.departsMillis());
        share = Math.max(0, Math.min(1, share));
        return new LatLng(leg.from().lat() + share * (leg.to().lat() - leg.from().lat()),
                leg.from().lng() + share * (leg.to().lng() - leg.from().lng()));
    }
}
