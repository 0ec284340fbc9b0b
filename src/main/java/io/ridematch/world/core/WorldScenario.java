package io.ridematch.world.core;

import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/** The world's half of a scenario: when the day starts, the area, the riders' demand and patience, the fleet. */
public record WorldScenario(String name, ZonedDateTime start, BoundingBox area, Demand demand, Riders riders,
                            Supply supply, TravelModel travel) {

    public record Demand(Double ridesPerDay, List<Double> hourlyProfile, Double backgroundWeight,
                         List<Hotspot> hotspots, Double minTripKm, Double meanTripKm) {
        public Demand {
            require(ridesPerDay != null && ridesPerDay >= 0, "demand.ridesPerDay must be zero or more");
            require(hourlyProfile != null && hourlyProfile.size() == 24,
                    "demand.hourlyProfile must list 24 weights, one per hour");
            require(hourlyProfile.stream().allMatch(w -> w != null && w >= 0)
                            && hourlyProfile.stream().mapToDouble(Double::doubleValue).sum() > 0,
                    "demand.hourlyProfile weights must be zero or more, and not all zero");
            hourlyProfile = List.copyOf(hourlyProfile);
            hotspots = hotspots == null ? List.of() : List.copyOf(hotspots);
            backgroundWeight = backgroundWeight == null ? 1.0 : backgroundWeight;
            require(backgroundWeight >= 0, "demand.backgroundWeight must be zero or more");
            require(backgroundWeight + hotspots.stream().mapToDouble(Hotspot::weight).sum() > 0,
                    "demand: backgroundWeight and hotspot weights are all zero");
            minTripKm = minTripKm == null ? 0.5 : minTripKm;
            require(minTripKm >= 0, "demand.minTripKm must be zero or more");
            meanTripKm = meanTripKm == null ? 4.0 : meanTripKm;
            require(meanTripKm > minTripKm, "demand.meanTripKm must be larger than demand.minTripKm");
        }
    }

    public record Hotspot(String name, double lat, double lng, double radiusKm, double weight) {
        public Hotspot {
            require(name != null && !name.isBlank(), "demand.hotspots: a hotspot has no name");
            new LatLng(lat, lng);
            require(radiusKm > 0, "demand.hotspots: " + name + " needs radiusKm > 0");
            require(weight >= 0, "demand.hotspots: " + name + " needs weight >= 0");
        }
    }

    public record Riders(Integer patienceMinSeconds, Integer patienceMaxSeconds) {
        public Riders {
            require(patienceMinSeconds != null && patienceMaxSeconds != null,
                    "riders needs patienceMinSeconds and patienceMaxSeconds");
            require(patienceMinSeconds > 0 && patienceMinSeconds <= patienceMaxSeconds,
                    "riders: need 0 < patienceMinSeconds <= patienceMaxSeconds");
        }
    }

    /** The fleet: how many drivers, their shifts, when idle ones move, how often one declines an offer. */
    /**
     * @param locationEverySeconds how often a moving driver's app reports where it is; 0 (the default) only at
     *                             pickup, drop-off and the end of a move
     */
    public record Supply(Integer drivers, List<Shift> shifts, Integer repositionAfterMinutes,
                         Double declineProbability, Integer locationEverySeconds) {
        public Supply(Integer drivers, List<Shift> shifts, Integer repositionAfterMinutes, Double declineProbability) {
            this(drivers, shifts, repositionAfterMinutes, declineProbability, null);
        }

        public Supply {
            locationEverySeconds = locationEverySeconds == null ? 0 : locationEverySeconds;
            require(locationEverySeconds >= 0, "supply.locationEverySeconds must be zero (off) or more");
            repositionAfterMinutes = repositionAfterMinutes == null ? 10 : repositionAfterMinutes;
            declineProbability = declineProbability == null ? 0.0 : declineProbability;
            require(declineProbability >= 0 && declineProbability < 1, "supply.declineProbability must be in [0, 1)");
            require(repositionAfterMinutes >= 0, "supply.repositionAfterMinutes must be zero (off) or more");
            require(drivers != null && drivers >= 0, "supply.drivers must be zero or more");
            require(shifts != null && !shifts.isEmpty(), "supply.shifts must list at least one shift");
            shifts = List.copyOf(shifts);
            double shares = shifts.stream().mapToDouble(Shift::share).sum();
            require(Math.abs(shares - 1) < 1e-6, String.format(java.util.Locale.ROOT,
                    "supply.shifts: the shares add up to %s; they are the parts of the fleet on each shift and must "
                    + "add up to 1", java.math.BigDecimal.valueOf(shares).stripTrailingZeros().toPlainString()));
        }
    }

    public record Shift(LocalTime start, double hours, double share) {
        public Shift {
            require(start != null, "supply.shifts: a shift has no start");
            require(hours > 0 && hours <= 24, "supply.shifts: hours must be in (0, 24]");
            require(share >= 0, "supply.shifts: share must be zero or more");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
