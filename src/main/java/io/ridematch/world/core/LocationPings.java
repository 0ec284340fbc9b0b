package io.ridematch.world.core;

import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.geo.LatLng;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    private final DueHeap due = new DueHeap();

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
        return due.isEmpty() ? null : due.firstAt();
    }

    /** Every ping due by {@code until}, stamped {@code until}, at the point then; {@code positions} follow. */
    void advance(Instant until, LatLng[] positions, List<DriverEvent> out) {
        long untilNanos = DueHeap.nanosOf(until);
        while (!due.isEmpty() && due.firstNanos() <= untilNanos) {
            int driver = due.firstDriver();
            Leg leg = due.firstLeg();
            Instant pinged = due.firstAt();
            due.pop();
            if (legs[driver] != leg || !until.isBefore(leg.arrives())) {
                continue; // that leg ended: its end was reported
            }
            LatLng at = along(leg, until);
            positions[driver] = at;
            out.add(new DriverLocationUpdated(driverIds.apply(driver), at, until));
            Instant next = pinged.plus(every);
            due.push(next.isAfter(until) ? next : until.plus(every), driver, leg);
        }
    }

    /**
     * The pings to come, soonest first and, at the same instant, by driver: a four-ary heap on primitive keys
     * (a city's every moving driver is in it, and each report takes one out and puts one back; four children a
     * node halve the levels a report sifts through, and sit side by side in memory).
     */
    private static final class DueHeap {
        private long[] nanos = new long[64];
        private int[] drivers = new int[64];
        private Instant[] ats = new Instant[64];
        private Leg[] legs = new Leg[64];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        long firstNanos() {
            return nanos[0];
        }

        /** Nanoseconds since the epoch: the instant's order, as a long (until the year 2262). */
        static long nanosOf(Instant at) {
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        }

        int firstDriver() {
            return drivers[0];
        }

        Instant firstAt() {
            return ats[0];
        }

        Leg firstLeg() {
            return legs[0];
        }

        void push(Instant at, int driver, Leg leg) {
            if (size == nanos.length) {
                int grown = size * 2;
                nanos = java.util.Arrays.copyOf(nanos, grown);
                drivers = java.util.Arrays.copyOf(drivers, grown);
                ats = java.util.Arrays.copyOf(ats, grown);
                legs = java.util.Arrays.copyOf(legs, grown);
            }
            long key = nanosOf(at);
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 2;
                if (!before(key, driver, nanos[parent], drivers[parent])) {
                    break;
                }
                move(parent, i);
                i = parent;
            }
            set(i, key, driver, at, leg);
        }

        void pop() {
            size--;
            long key = nanos[size];
            int driver = drivers[size];
            Instant at = ats[size];
            Leg leg = legs[size];
            ats[size] = null;
            legs[size] = null;
            if (size == 0) {
                return;
            }
            int i = 0;
            while (true) {
                int first = 4 * i + 1;
                if (first >= size) {
                    break;
                }
                int child = first;
                for (int other = first + 1, last = Math.min(first + 4, size); other < last; other++) {
                    if (before(nanos[other], drivers[other], nanos[child], drivers[child])) {
                        child = other;
                    }
                }
                if (!before(nanos[child], drivers[child], key, driver)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, key, driver, at, leg);
        }

        private static boolean before(long at, int driver, long otherAt, int otherDriver) {
            return at < otherAt || at == otherAt && driver < otherDriver;
        }

        private void move(int from, int to) {
            set(to, nanos[from], drivers[from], ats[from], legs[from]);
        }

        private void set(int i, long key, int driver, Instant at, Leg leg) {
            nanos[i] = key;
            drivers[i] = driver;
            ats[i] = at;
            legs[i] = leg;
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
