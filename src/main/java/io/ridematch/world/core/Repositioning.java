package io.ridematch.world.core;

import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.contract.time.Due;
import io.ridematch.world.core.WorldScenario.Hotspot;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/**
 * Idle drivers move toward expected demand. The policy: a driver idle for {@code after} drives to the hotspot
 * with the highest weight per (1 + km away), unless already within a kilometre of it, and reports the new
 * location on arrival. An offer on the way wins: the move is dropped, and the driver is where it last was.
 */
final class Repositioning {

    private static final double CLOSE_ENOUGH_METERS = 1_000;

    private record Check(Instant at, int driver, Instant idleSince) {
    }

    private record Arrival(Instant at, int driver, LatLng target) {
    }

    private final Duration after;
    private final List<Hotspot> hotspots;
    private final IntFunction<String> driverIds;
    private final TravelModel travel;
    private final LocationPings pings;
    private final Instant[] idleSince;
    private final Arrival[] moving;
    private final PriorityQueue<Check> checks =
            new PriorityQueue<>(Comparator.comparing(Check::at).thenComparingInt(Check::driver));
    private final PriorityQueue<Arrival> arrivals =
            new PriorityQueue<>(Comparator.comparing(Arrival::at).thenComparingInt(Arrival::driver));

    /**
     * @param after     zero turns repositioning off
     * @param driverIds each driver's id by index
     */
    Repositioning(int drivers, Duration after, List<Hotspot> hotspots, TravelModel travel,
                  IntFunction<String> driverIds, LocationPings pings) {
        this.pings = pings;
        this.driverIds = driverIds;
        this.after = after;
        this.hotspots = hotspots;
        this.travel = travel;
        this.idleSince = new Instant[drivers];
        this.moving = new Arrival[drivers];
    }

    void idle(int driver, Instant since) {
        idleSince[driver] = since;
        moving[driver] = null;
        pings.stop(driver);
        if (!after.isZero() && !hotspots.isEmpty()) {
            checks.add(new Check(since.plus(after), driver, since));
        }
    }

    void busy(int driver) {
        idleSince[driver] = null;
        moving[driver] = null;
        pings.stop(driver);
    }

    /** When the next arrival or departure is due (some may have been called off meanwhile), or null. */
    Instant nextDue() {
        return Due.earliest(arrivals.isEmpty() ? null : arrivals.peek().at(),
                checks.isEmpty() ? null : checks.peek().at());
    }

    /** Arrivals and departures due by {@code until}; arrivals are reported as location updates. */
    void advance(Instant until, LatLng[] positions, List<DriverEvent> out) {
        while (!arrivals.isEmpty() && !arrivals.peek().at().isAfter(until)) {
            Arrival arrival = arrivals.poll();
            if (moving[arrival.driver()] == arrival) {
                positions[arrival.driver()] = arrival.target();
                out.add(new DriverLocationUpdated(driverIds.apply(arrival.driver()), arrival.target(), until));
                idle(arrival.driver(), until);
            }
        }
        while (!checks.isEmpty() && !checks.peek().at().isAfter(until)) {
            Check check = checks.poll();
            int driver = check.driver();
            if (check.idleSince().equals(idleSince[driver]) && moving[driver] == null) {
                LatLng target = bestHotspot(positions[driver]);
                if (target != null) {
                    long seconds = travel.secondsFor(travel.routeMeters(positions[driver], target), positions[driver],
                            until);
                    Arrival arrival = new Arrival(until.plusSeconds(Math.max(1, seconds)), driver, target);
                    moving[driver] = arrival;
                    arrivals.add(arrival);
                    pings.start(driver, positions[driver], target, until, arrival.at());
                }
            }
        }
    }

    private LatLng bestHotspot(LatLng from) {
        Hotspot best = null;
        double bestScore = -1;
        for (Hotspot h : hotspots) {
            double km = from.distanceMeters(new LatLng(h.lat(), h.lng())) / 1000;
            double score = h.weight() / (1 + km);
            if (score > bestScore) {
                best = h;
                bestScore = score;
            }
        }
        if (best == null) {
            return null;
        }
        LatLng target = new LatLng(best.lat(), best.lng());
        return from.distanceMeters(target) <= CLOSE_ENOUGH_METERS ? null : target;
    }
}
