package io.ridematch.domain.sim;

import io.ridematch.domain.geo.BoundingBox;
import io.ridematch.domain.geo.LatLng;
import io.ridematch.domain.matching.BatchedMatcher;
import io.ridematch.domain.matching.DriverIndex;
import io.ridematch.domain.matching.GridIndex;
import io.ridematch.domain.matching.H3DriverIndex;
import io.ridematch.domain.matching.Matcher;
import io.ridematch.domain.matching.NearestDriverMatcher;
import io.ridematch.domain.pricing.FareSchedule;
import io.ridematch.domain.pricing.SurgePricing;
import io.ridematch.domain.travel.TravelModel;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A city to simulate: where, when, how much demand and supply, how fast cars go, what rides cost and how the
 * platform dispatches. Read from a scenario file; every part is checked here, with the field's name in the
 * message, so a bad file fails before anything starts.
 */
public record Scenario(String name, String timezone, LocalDate date, LocalTime startTime, Duration duration,
                       Integer tickSeconds, BoundingBox area, Demand demand, Riders riders, Supply supply,
                       TravelModel travel, FareSchedule pricing, Matching matching, Surge surge) {

    public Scenario {
        require(name != null && !name.isBlank(), "name is missing");
        require(timezone != null, "timezone is missing");
        try {
            ZoneId.of(timezone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timezone: unknown zone '" + timezone + "'");
        }
        date = date == null ? LocalDate.of(2026, 3, 2) : date;
        startTime = startTime == null ? LocalTime.MIDNIGHT : startTime;
        duration = duration == null ? Duration.ofHours(2) : duration;
        require(!duration.isNegative() && !duration.isZero(), "duration must be positive");
        tickSeconds = tickSeconds == null ? 1 : tickSeconds;
        require(tickSeconds >= 1 && tickSeconds <= 60, "tickSeconds must be between 1 and 60");
        require(area != null, "area is missing");
        require(demand != null, "demand is missing");
        require(riders != null, "riders is missing");
        require(supply != null, "supply is missing");
        require(travel != null, "travel is missing");
        travel = travel.inTimeZone(ZoneId.of(timezone));
        require(pricing != null, "pricing is missing");
        matching = matching == null ? new Matching(null, null, null, null, null, null, null, null) : matching;
        surge = surge == null ? new Surge(null, null, null, null) : surge;
        for (Hotspot h : demand.hotspots()) {
            require(area.contains(new LatLng(h.lat(), h.lng())), "demand.hotspots: " + h.name() + " lies outside the area");
        }
    }

    /** The same city, dispatched by another matcher. */
    public Scenario withMatcher(String matcher) {
        Matching m = new Matching(matcher, matching.maxPickupKm(), matching.maxWaitSeconds(),
                matching.batchWindowSeconds(), matching.candidatesPerRider(), matching.declineProbability(),
                matching.declineCooldownSeconds(), matching.index());
        return new Scenario(name, timezone, date, startTime, duration, tickSeconds, area, demand, riders, supply, travel,
                pricing, m, surge);
    }

    /** A matcher as the scenario describes it. */
    public Matcher newMatcher() {
        double reach = matching.maxPickupKm() * 1000;
        return matching.matcher().equals("batched")
                ? new BatchedMatcher(reach, matching.batchWindowSeconds(),
                        matching.candidatesPerRider(), 500)
                : new NearestDriverMatcher(reach);
    }

    /** An empty geo index of the kind the scenario names: the 500 m grid, or H3 at resolution 9. */
    public DriverIndex newIndex() {
        return matching.index().equals("h3") ? new H3DriverIndex(9) : new GridIndex(500, area.center().lat());
    }

    /** The same city, starting at another time of day. */
    /**
     * The same city under a load test: {@code drivers} all on one all-day shift, and riders arriving at a steady
     * {@code ridesPerHour} around the clock (hotspots and trip lengths as before).
     */
    public Scenario withLoad(int drivers, double ridesPerHour) {
        Demand flat = new Demand(ridesPerHour * 24, java.util.Collections.nCopies(24, 1.0), demand.backgroundWeight(),
                demand.hotspots(), demand.minTripKm(), demand.meanTripKm());
        Supply allDay = new Supply(drivers, List.of(new Shift(LocalTime.MIDNIGHT, 24, 1.0)),
                supply.repositionAfterMinutes());
        return new Scenario(name, timezone, date, startTime, duration, tickSeconds, area, flat, riders, allDay, travel,
                pricing, matching, surge);
    }

    public Scenario startingAt(LocalTime start) {
        return new Scenario(name, timezone, date, start, duration, tickSeconds, area, demand, riders, supply, travel,
                pricing, matching, surge);
    }

    public ZonedDateTime start() {
        return ZonedDateTime.of(date, startTime, ZoneId.of(timezone));
    }

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

    public record Supply(Integer drivers, List<Shift> shifts, Integer repositionAfterMinutes) {
        public Supply {
            repositionAfterMinutes = repositionAfterMinutes == null ? 10 : repositionAfterMinutes;
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

    public record Matching(String matcher, Double maxPickupKm, Integer maxWaitSeconds, Integer batchWindowSeconds,
                           Integer candidatesPerRider, Double declineProbability, Integer declineCooldownSeconds,
                           String index) {
        public Matching {
            index = index == null ? "grid" : index;
            require(index.equals("grid") || index.equals("h3"), "matching.index must be grid or h3, was '" + index + "'");
            declineProbability = declineProbability == null ? 0.0 : declineProbability;
            require(declineProbability >= 0 && declineProbability < 1,
                    "matching.declineProbability must be in [0, 1)");
            declineCooldownSeconds = declineCooldownSeconds == null ? 30 : declineCooldownSeconds;
            require(declineCooldownSeconds >= 0, "matching.declineCooldownSeconds must be zero or more");
            matcher = matcher == null ? "greedy" : matcher;
            require(matcher.equals("greedy") || matcher.equals("nearest") || matcher.equals("batched"),
                    "matching.matcher must be greedy (also called nearest) or batched, was '" + matcher + "'");
            batchWindowSeconds = batchWindowSeconds == null ? 2 : batchWindowSeconds;
            require(batchWindowSeconds >= 1 && batchWindowSeconds <= 600,
                    "matching.batchWindowSeconds must be between 1 and 600");
            candidatesPerRider = candidatesPerRider == null ? 10 : candidatesPerRider;
            require(candidatesPerRider >= 1 && candidatesPerRider <= 100,
                    "matching.candidatesPerRider must be between 1 and 100");
            maxPickupKm = maxPickupKm == null ? 5.0 : maxPickupKm;
            maxWaitSeconds = maxWaitSeconds == null ? 900 : maxWaitSeconds;
            require(maxPickupKm > 0, "matching.maxPickupKm must be positive");
            require(maxWaitSeconds > 0, "matching.maxWaitSeconds must be positive");
        }
    }

    /** Surge pricing per H3 zone; {@code sensitivity: 0} turns it off. */
    public record Surge(Integer resolution, Integer windowMinutes, Double sensitivity, Double max) {
        public Surge {
            resolution = resolution == null ? 7 : resolution;
            windowMinutes = windowMinutes == null ? 10 : windowMinutes;
            sensitivity = sensitivity == null ? 0.1 : sensitivity;
            max = max == null ? 2.5 : max;
            require(resolution >= 0 && resolution <= 15, "surge.resolution must be an H3 resolution, 0 to 15");
            require(windowMinutes >= 1, "surge.windowMinutes must be at least 1");
            require(sensitivity >= 0, "surge.sensitivity must be zero or more");
            require(max >= 1 && max <= 10, "surge.max must be between 1 and 10");
        }

        public SurgePricing.Settings settings() {
            return new SurgePricing.Settings(resolution, Duration.ofMinutes(windowMinutes),
                    sensitivity, max);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

}
