package io.ridematch.platform.core.pricing;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.H3DriverIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Surge pricing per H3 zone. Demand is the rides requested in the zone over a sliding window; supply the free
 * drivers in the zone now. The multiplier is {@code 1 + sensitivity × (demand / (supply + 1) − 1)}, bounded to
 * [1, max] and rounded to a tenth, as riders see it ("1.4×"). A ride's multiplier is quoted when its driver is
 * assigned: by then every request and driver move of that moment is known, so the quote does not depend on
 * which event arrived first.
 */
public final class SurgePricing {

    /**
     * @param resolution  H3 resolution of the zones (7: about 5 km², a neighbourhood)
     * @param window      how far back requests count as demand
     * @param sensitivity how fast the multiplier rises with the demand/supply ratio
     * @param max         the highest multiplier
     */
    public record Settings(int resolution, Duration window, double sensitivity, double max) {
        public Settings {
            if (resolution < 0 || resolution > 15 || window.isNegative() || window.isZero() || sensitivity < 0
                    || max < 1) {
                throw new IllegalArgumentException("surge: need resolution 0..15, a positive window, "
                        + "sensitivity >= 0 and max >= 1");
            }
        }

        public static Settings none() {
            return new Settings(7, Duration.ofMinutes(10), 0, 1);
        }
    }

    private record Request(Instant at, long zone) {
    }

    /** What pricing knows of a driver: where it last was and, while free, the zone it counts in. */
    private static final class Driver {
        LatLng position;
        boolean free;
        long zone;
    }

    private final Settings settings;
    private final Deque<Request> recent = new ArrayDeque<>();
    private final Map<Long, Integer> demandByZone = new HashMap<>();
    private final Map<Long, Integer> freeByZone = new HashMap<>();
    /** One entry a driver, so a location report costs one lookup. */
    private final Map<String, Driver> drivers = new HashMap<>();
    private final Map<String, LatLng> pickups = new HashMap<>();
    private final Map<String, LatLng> dropoffs = new HashMap<>();
    private final Map<String, Double> quotes = new HashMap<>();

    public SurgePricing(Settings settings) {
        this.settings = settings;
    }

    public void apply(DomainEvent event) {
        switch (event) {
            case RideRequested e -> {
                pickups.put(e.rideId(), e.pickup());
                dropoffs.put(e.rideId(), e.dropoff());
                long zone = zoneOf(e.pickup());
                recent.addLast(new Request(e.requestedAt(), zone));
                demandByZone.merge(zone, 1, Integer::sum);
            }
            case DriverAssigned e -> {
                LatLng pickup = pickups.remove(e.rideId());
                if (pickup != null && !quotes.containsKey(e.rideId())) {
                    quotes.put(e.rideId(), multiplier(zoneOf(pickup), e.assignedAt()));
                }
                busy(driver(e.driverId()));
            }
            case RideCompleted e -> {
                LatLng dropoff = dropoffs.remove(e.rideId());
                Driver driver = driver(e.driverId());
                free(driver, dropoff != null ? dropoff : driver.position);
            }
            case RideCancelled e -> {
                pickups.remove(e.rideId());
                dropoffs.remove(e.rideId());
            }
            case RideStarted ignored -> {
                // the driver stays busy from assignment to drop-off
            }
            case PaymentProcessed ignored -> {
                // payment changes neither demand nor supply
            }
            case PaymentFailed ignored -> {
                // nor does a failed one
            }
            case DriverWentOffline e -> {
                Driver driver = driver(e.driverId());
                busy(driver);
                driver.position = e.position();
            }
            case DriverEvent e -> {
                Driver driver = driver(e.driverId());
                driver.position = e.position();
                if (driver.free || e instanceof DriverEvent.DriverWentOnline) {
                    free(driver, e.position());
                }
            }
        }
    }

    /** The multiplier quoted for a ride when its driver was assigned; 1 before that. */
    public double quoteFor(String rideId) {
        return quotes.getOrDefault(rideId, 1.0);
    }

    /** Forget a finished ride's quote. */
    public void settled(String rideId) {
        quotes.remove(rideId);
    }

    /** The multiplier of a zone at {@code now}. */
    public double multiplier(long zone, Instant now) {
        forgetRequestsBefore(now.minus(settings.window()));
        int demand = demandByZone.getOrDefault(zone, 0);
        int supply = freeByZone.getOrDefault(zone, 0);
        double raw = 1 + settings.sensitivity() * ((double) demand / (supply + 1) - 1);
        double bounded = Math.max(1, Math.min(settings.max(), raw));
        return Math.round(bounded * 10) / 10.0;
    }

    public long zoneOf(LatLng position) {
        return H3DriverIndex.cellOf(position, settings.resolution());
    }

    /** Every zone with demand in the window and its multiplier, for dashboards and the map. */
    public Map<Long, Double> multipliers(Instant now) {
        forgetRequestsBefore(now.minus(settings.window()));
        Map<Long, Double> all = new HashMap<>();
        demandByZone.keySet().forEach(zone -> all.put(zone, multiplier(zone, now)));
        return all;
    }

    private void forgetRequestsBefore(Instant cutoff) {
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(cutoff)) {
            Request old = recent.pollFirst();
            demandByZone.computeIfPresent(old.zone(), (z, n) -> n == 1 ? null : n - 1);
        }
    }

    private Driver driver(String driverId) {
        return drivers.computeIfAbsent(driverId, id -> new Driver());
    }

    private void busy(Driver driver) {
        if (driver.free) {
            driver.free = false;
            freeByZone.computeIfPresent(driver.zone, (z, n) -> n == 1 ? null : n - 1);
        }
    }

    /** The driver counts as free in the zone of {@code position}; with no position known, in none. */
    private void free(Driver driver, LatLng position) {
        if (position == null) {
            busy(driver);
            return;
        }
        long zone = zoneOf(position);
        if (driver.free && driver.zone == zone) {
            return; // a free driver reporting from the zone it counts in already
        }
        busy(driver);
        driver.free = true;
        driver.zone = zone;
        freeByZone.merge(zone, 1, Integer::sum);
    }
}
