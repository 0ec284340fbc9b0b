package io.ridematch.city;

import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.platform.core.PlatformScenario;
import io.ridematch.platform.core.PlatformScenario.Matching;
import io.ridematch.platform.core.PlatformScenario.Surge;
import io.ridematch.platform.core.payment.PaymentFaults;
import io.ridematch.platform.core.pricing.FareSchedule;
import io.ridematch.world.core.WorldScenario;
import io.ridematch.world.core.WorldScenario.Demand;
import io.ridematch.world.core.WorldScenario.Hotspot;
import io.ridematch.world.core.WorldScenario.Riders;
import io.ridematch.world.core.WorldScenario.Shift;
import io.ridematch.world.core.WorldScenario.Supply;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A scenario file as a whole: where, when, how much demand and supply, how fast cars go, what rides cost and how
 * the platform dispatches. Every part is checked as it is read, with the field's name in the message, so a bad file
 * fails before anything starts. The world and the platform each get their own half ({@link #world()},
 * {@link #platform()}); neither sees the other's.
 */
public record Scenario(String name, String timezone, LocalDate date, LocalTime startTime, Duration duration,
                       Integer tickSeconds, BoundingBox area, Demand demand, Riders riders, Supply supply,
                       TravelModel travel, FareSchedule pricing, Matching matching, Surge surge, PaymentFaults payment) {

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
        payment = payment == null ? PaymentFaults.NONE : payment;
        for (Hotspot h : demand.hotspots()) {
            require(area.contains(new LatLng(h.lat(), h.lng())), "demand.hotspots: " + h.name() + " lies outside the area");
        }
    }

    /** The same city, dispatched by another matcher. */
    public Scenario withMatcher(String matcher) {
        Matching m = new Matching(matcher, matching.maxPickupKm(), matching.maxWaitSeconds(),
                matching.batchWindowSeconds(), matching.candidatesPerRider(), matching.offerTimeoutSeconds(),
                matching.declineCooldownSeconds(), matching.index());
        return new Scenario(name, timezone, date, startTime, duration, tickSeconds, area, demand, riders, supply, travel,
                pricing, m, surge, payment);
    }

    /** The same city, its batched matcher collecting requests for {@code seconds} before each batch. */
    public Scenario withBatchWindow(int seconds) {
        Matching m = new Matching(matching.matcher(), matching.maxPickupKm(), matching.maxWaitSeconds(), seconds,
                matching.candidatesPerRider(), matching.offerTimeoutSeconds(), matching.declineCooldownSeconds(),
                matching.index());
        return new Scenario(name, timezone, date, startTime, duration, tickSeconds, area, demand, riders, supply, travel,
                pricing, m, surge, payment);
    }

    /**
     * The same city under a load test: {@code drivers} all on one all-day shift, and riders arriving at a steady
     * {@code ridesPerHour} around the clock (hotspots and trip lengths as before).
     */
    public Scenario withLoad(int drivers, double ridesPerHour) {
        Demand flat = new Demand(ridesPerHour * 24, java.util.Collections.nCopies(24, 1.0), demand.backgroundWeight(),
                demand.hotspots(), demand.minTripKm(), demand.meanTripKm());
        Supply allDay = new Supply(drivers, List.of(new Shift(LocalTime.MIDNIGHT, 24, 1.0)),
                supply.repositionAfterMinutes(), supply.declineProbability(), supply.locationEverySeconds());
        return new Scenario(name, timezone, date, startTime, duration, tickSeconds, area, flat, riders, allDay, travel,
                pricing, matching, surge, payment);
    }

    /**
     * The same city, each moving driver's app reporting where it is every {@code every} (whole seconds; zero for
     * only at pickup, drop-off and the end of a move).
     */
    public Scenario withLocationEvery(Duration every) {
        if (every.isNegative() || every.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("the location period must be whole seconds, zero or more, was "
                    + DurationText.format(every));
        }
        Supply pinging = new Supply(supply.drivers(), supply.shifts(), supply.repositionAfterMinutes(),
                supply.declineProbability(), Math.toIntExact(every.toSeconds()));
        return new Scenario(name, timezone, date, startTime, duration, tickSeconds, area, demand, riders, pinging,
                travel, pricing, matching, surge, payment);
    }

    /** The same city with another fleet size, on the same shifts. */
    public Scenario withDrivers(int drivers) {
        if (drivers < 1) {
            throw new IllegalArgumentException("the fleet needs a driver or more, was " + drivers);
        }
        Supply fleet = new Supply(drivers, supply.shifts(), supply.repositionAfterMinutes(),
                supply.declineProbability(), supply.locationEverySeconds());
        return new Scenario(name, timezone, date, startTime, duration, tickSeconds, area, demand, riders, fleet,
                travel, pricing, matching, surge, payment);
    }

    /** The same city with {@code factor} times the riders, at the same hours and places. */
    public Scenario withDemandScaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("the demand scale must be a positive number, was " + factor);
        }
        Demand scaled = new Demand(demand.ridesPerDay() * factor, demand.hourlyProfile(), demand.backgroundWeight(),
                demand.hotspots(), demand.minTripKm(), demand.meanTripKm());
        return new Scenario(name, timezone, date, startTime, duration, tickSeconds, area, scaled, riders, supply,
                travel, pricing, matching, surge, payment);
    }

    /** The same city, starting at another time of day. */
    public Scenario startingAt(LocalTime start) {
        return new Scenario(name, timezone, date, start, duration, tickSeconds, area, demand, riders, supply, travel,
                pricing, matching, surge, payment);
    }

    /** The same city from {@code start}, a date and time in the city's time zone. */
    public Scenario startingAt(ZonedDateTime start) {
        ZonedDateTime local = start.withZoneSameInstant(ZoneId.of(timezone));
        return new Scenario(name, timezone, local.toLocalDate(), local.toLocalTime(), duration, tickSeconds, area,
                demand, riders, supply, travel, pricing, matching, surge, payment);
    }

    /** The same city, its payment provider failing as {@code faults} say. */
    public Scenario withPayment(PaymentFaults faults) {
        return new Scenario(name, timezone, date, startTime, duration, tickSeconds, area, demand, riders, supply, travel,
                pricing, matching, surge, faults);
    }

    public ZonedDateTime start() {
        return ZonedDateTime.of(date, startTime, ZoneId.of(timezone));
    }

    /** What the simulated world needs: when, where, the riders, the drivers and the roads. */
    public WorldScenario world() {
        return new WorldScenario(name, start(), area, demand, riders, supply, travel);
    }

    /** What the platform needs: the area it serves, the roads it estimates on, its fares, matching and surge. */
    public PlatformScenario platform() {
        return new PlatformScenario(area, travel, pricing, matching, surge, payment);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

}
