package io.ridematch.world.core;

import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.geo.LatLng;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/**
 * Drivers' apps reporting where they are every {@code every} while they move: on the way to a pickup, on a trip,
 * or driving to a hotspot. A move is a leg from one point to another over a span of time; a ping gives the point
 * along the straight line the share of that span gone. The leg's own end (the pickup, the drop-off, the hotspot)
 * is reported by whoever ends it, as without pings. Off ({@code every} zero), nothing is kept.
 */
final class LocationPings {

    private record Leg(LatLng from, LatLng to, Instant departs, Instant arrives) {
    }

    private record Due(Instant at, int driver, Leg leg) {
    }

    private final Duration every;
    private final IntFunction<String> driverIds;
    private final Leg[] legs;
    private final PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime : Integer.compare(a.driver(), b.driver());
    });

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
        due.add(new Due(departs.plus(every), driver, leg));
    }

    /** The driver stopped moving (arrived, taken off the leg, gone offline): no more pings for that leg. */
    void stop(int driver) {
        if (legs != null) {
            legs[driver] = null;
        }
    }

    /** Every ping due by {@code until}, stamped {@code until}, at the point then; {@code positions} follow. */
    void advance(Instant until, LatLng[] positions, List<DriverEvent> out) {
        while (!due.isEmpty() && !due.peek().at().isAfter(until)) {
            Due ping = due.poll();
            Leg leg = ping.leg();
            if (legs[ping.driver()] != leg || !until.isBefore(leg.arrives())) {
                continue; // that leg ended: its end was reported
            }
            LatLng at = along(leg, until);
            positions[ping.driver()] = at;
            out.add(new DriverLocationUpdated(driverIds.apply(ping.driver()), at, until));
            Instant next = ping.at().plus(every);
            due.add(new Due(next.isAfter(until) ? next : until.plus(every), ping.driver(), leg));
        }
    }

    private static LatLng along(Leg leg, Instant t) {
        double share = (double) Duration.between(leg.departs(), t).toMillis()
                / Duration.between(leg.departs(), leg.arrives()).toMillis();
        share = Math.max(0, Math.min(1, share));
        return new LatLng(leg.from().lat() + share * (leg.to().lat() - leg.from().lat()),
                leg.from().lng() + share * (leg.to().lng() - leg.from().lng()));
    }
}
