package io.ridematch.world.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.contract.money.Money;
import io.ridematch.world.core.CitySimulation.Step;
import io.ridematch.world.core.WorldScenario.Demand;
import io.ridematch.world.core.WorldScenario.Hotspot;
import io.ridematch.world.core.WorldScenario.Riders;
import io.ridematch.world.core.WorldScenario.Shift;
import io.ridematch.world.core.WorldScenario.Supply;
import io.ridematch.contract.DriverOffer.OfferAccepted;
import io.ridematch.contract.DriverOffer.OfferDeclined;
import io.ridematch.contract.DriverOffer.RideOffered;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CitySimulationTest {

    /** Hourly weights: one value at night, another from 08:00 to 20:00. */
    private static List<Double> profile(double nightWeight, double dayWeight) {
        List<Double> weights = new ArrayList<>(Collections.nCopies(24, nightWeight));
        for (int h = 8; h < 20; h++) {
            weights.set(h, dayWeight);
        }
        return weights;
    }

    private static WorldScenario town(double ridesPerDay, List<Double> profile, int drivers, List<Shift> shifts) {
        return new WorldScenario("Test Town", ZonedDateTime.of(LocalDate.of(2026, 3, 2), LocalTime.of(12, 0),
                ZoneOffset.UTC), new BoundingBox(40.70, -74.02, 40.80, -73.92),
                new Demand(ridesPerDay, profile, 0.5,
                        List.of(new Hotspot("Centre", 40.75, -73.97, 1.0, 0.5)), 0.5, 2.0),
                new Riders(120, 300), new Supply(drivers, shifts, 0, null), new TravelModel(30, 1.3).inTimeZone(ZoneOffset.UTC));
    }

    private static final List<Shift> ALL_DAY = List.of(new Shift(LocalTime.of(0, 0), 24, 1));

    @Test
    void sameSeedGivesTheSameCity() {
        WorldScenario scenario = town(48_000, profile(1, 1), 50, ALL_DAY);
        assertThat(run(new CitySimulation(scenario, 7), 600)).isEqualTo(run(new CitySimulation(scenario, 7), 600));
        assertThat(run(new CitySimulation(scenario, 7), 600)).isNotEqualTo(run(new CitySimulation(scenario, 8), 600));
    }

    @Test
    void arrivalsFollowTheDemandCurve() {
        // 24,000 rides a day at a flat rate is 1,000 an hour; a Poisson count of 1,000 has a standard deviation
        // of about 32, so 5 deviations either side never fails by chance for a fixed seed and a correct rate.
        WorldScenario scenario = town(24_000, profile(1, 1), 0, ALL_DAY);
        long requests = countRequests(new CitySimulation(scenario, 3), 3_600);
        assertThat(requests).isBetween(840L, 1_160L);

        // Daytime weight 3 against night weight 1: (12*3 + 12*1) = 48 parts, so noon has 3/48 of the day's rides.
        WorldScenario peaky = town(24_000, profile(1, 3), 0, ALL_DAY);
        long noon = countRequests(new CitySimulation(peaky, 3), 3_600);
        assertThat(noon).isBetween(1_340L, 1_660L); // expected 1,500
    }

    @Test
    void ridesArePlacedInTheAreaAtLeastTheMinimumTripApart() {
        WorldScenario scenario = town(48_000, profile(1, 1), 0, ALL_DAY);
        CitySimulation sim = new CitySimulation(scenario, 11);
        List<RequestRide> requests = new ArrayList<>();
        for (int s = 1; s <= 600; s++) {
            sim.advanceTo(scenario.start().toInstant().plusSeconds(s)).rideCommands().stream()
                    .filter(RequestRide.class::isInstance).map(RequestRide.class::cast).forEach(requests::add);
        }
        assertThat(requests).isNotEmpty().allSatisfy(r -> {
            assertThat(scenario.area().contains(r.pickup())).isTrue();
            assertThat(scenario.area().contains(r.dropoff())).isTrue();
        });
        assertThat(requests).filteredOn(r -> r.pickup().distanceMeters(r.dropoff()) < 500).hasSizeLessThan(5);
        assertThat(requests).extracting(RequestRide::rideId).doesNotHaveDuplicates();
    }

    @Test
    void aMovingDriverReportsWhereItIsEveryPeriodAlongItsWayAndNotOnceTheRideIsOver() {
        WorldScenario base = town(48_000, profile(1, 1), 1, ALL_DAY);
        Supply pinging = new Supply(1, ALL_DAY, 0, null, 4);
        WorldScenario scenario = new WorldScenario(base.name(), base.start(), base.area(), base.demand(),
                base.riders(), pinging, base.travel());
        CitySimulation sim = new CitySimulation(scenario, 5);
        Instant t0 = scenario.start().toInstant();
        LatLng start = null;
        RequestRide ride = null;
        int s = 0;
        while (ride == null || start == null) {
            s++;
            Step step = sim.advanceTo(t0.plusSeconds(s));
            for (DriverEvent e : step.driverEvents()) {
                if (e instanceof DriverWentOnline online) {
                    start = online.position();
                }
            }
            ride = step.rideCommands().stream().filter(RequestRide.class::isInstance).map(RequestRide.class::cast)
                    .findFirst().orElse(ride);
        }
        Instant assignedAt = t0.plusSeconds(s);
        sim.observe(new DriverAssigned(ride.rideId(), "driver-00001", start, 60, assignedAt));
        List<DriverLocationUpdated> onTheWay = pings(sim, t0, s + 1, s + 60);

        assertThat(onTheWay).hasSizeBetween(13, 15);
        double before = start.distanceMeters(ride.pickup());
        for (DriverLocationUpdated ping : onTheWay) {
            double left = ping.position().distanceMeters(ride.pickup());
            double gone = start.distanceMeters(ping.position());
            assertThat(gone + left).as("on the straight way").isCloseTo(start.distanceMeters(ride.pickup()),
                    org.assertj.core.data.Offset.offset(1.0));
            assertThat(left).as("nearer each time").isLessThan(before);
            before = left;
        }
        assertThat(onTheWay).extracting(DriverLocationUpdated::at).doesNotHaveDuplicates();

        sim.observe(new RideStarted(ride.rideId(), "driver-00001", assignedAt.plusSeconds(60)));
        List<DriverLocationUpdated> onTrip = pings(sim, t0, s + 61, s + 120);
        assertThat(onTrip.getFirst().position()).as("the pickup, reported on arrival").isEqualTo(ride.pickup());
        assertThat(onTrip).hasSizeGreaterThan(10);
        sim.observe(new RideCompleted(ride.rideId(), "driver-00001", 2_000, 60, Money.of("10.00", "USD"), 1.0,
                assignedAt.plusSeconds(120)));
        List<DriverLocationUpdated> after = pings(sim, t0, s + 121, s + 200);
        assertThat(after).extracting(DriverLocationUpdated::position).containsExactly(ride.dropoff());
    }

    private static List<DriverLocationUpdated> pings(CitySimulation sim, Instant t0, int from, int to) {
        List<DriverLocationUpdated> pings = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            sim.advanceTo(t0.plusSeconds(s)).driverEvents().stream().filter(DriverLocationUpdated.class::isInstance)
                    .map(DriverLocationUpdated.class::cast).forEach(pings::add);
        }
        return pings;
    }

    @Test
    void unassignedRiderGivesUpAfterPatienceButAnAssignedOneDoesNot() {
        WorldScenario scenario = town(48_000, profile(1, 1), 0, ALL_DAY);
        CitySimulation sim = new CitySimulation(scenario, 5);
        Instant t0 = scenario.start().toInstant();
        List<RequestRide> requests = new ArrayList<>();
        int s = 0;
        while (requests.size() < 2) {
            s++;
            sim.advanceTo(t0.plusSeconds(s)).rideCommands().stream().map(RequestRide.class::cast).forEach(requests::add);
        }
        RequestRide assigned = requests.get(0);
        sim.observe(new DriverAssigned(assigned.rideId(), "driver-00001", assigned.pickup(), 60, t0.plusSeconds(s)));

        List<CancelRide> cancels = new ArrayList<>();
        for (int later = s + 1; later <= s + 301; later++) {
            sim.advanceTo(t0.plusSeconds(later)).rideCommands().stream()
                    .filter(CancelRide.class::isInstance).map(CancelRide.class::cast).forEach(cancels::add);
        }
        assertThat(cancels).extracting(CancelRide::rideId)
                .contains(requests.get(1).rideId()).doesNotContain(assigned.rideId());
        assertThat(cancels).allSatisfy(c -> assertThat(c.reason()).isEqualTo(CancelReason.RIDER_TIMEOUT));
    }

    @Test
    void driversWorkTheirShiftsAndFinishTheirRideFirst() {
        // One shift from 12:00 for one hour; the simulation starts at 12:00, jitter is within half an hour.
        WorldScenario scenario = town(0, profile(1, 1), 1, List.of(new Shift(LocalTime.of(12, 0), 1, 1)));
        CitySimulation sim = new CitySimulation(scenario, 1);
        Instant t0 = scenario.start().toInstant();
        List<DriverEvent> events = new ArrayList<>();
        Instant busyUntil = null;
        for (int s = 1; s <= 3 * 3600; s++) {
            Instant now = t0.plusSeconds(s);
            List<DriverEvent> step = sim.advanceTo(now).driverEvents();
            events.addAll(step);
            if (step.stream().anyMatch(DriverWentOnline.class::isInstance) && busyUntil == null) {
                // the driver takes a ride that ends 2 hours later, after the shift
                sim.observe(new DriverAssigned("ride-x", "driver-00001", step.get(0).position(), 10, now));
                busyUntil = now.plus(Duration.ofHours(2));
            }
            if (now.equals(busyUntil)) {
                sim.observe(new RideCompleted("ride-x", "driver-00001", 1, 1, Money.of(7, "USD"), 1, now));
            }
        }
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(DriverWentOnline.class);
        assertThat(events.get(1)).isInstanceOf(DriverWentOffline.class);
        // offline comes in the step after the ride ended, not at the end of the shift
        assertThat(events.get(1).at()).isEqualTo(busyUntil.plusSeconds(1));
    }

    @Test
    void driverReportsItsLocationAtPickupAndDropoffInTheNextStep() {
        WorldScenario scenario = town(48_000, profile(1, 1), 1, ALL_DAY);
        CitySimulation sim = new CitySimulation(scenario, 5);
        Instant t0 = scenario.start().toInstant();
        RequestRide ride = null;
        int s = 0;
        while (ride == null) {
            s++;
            ride = sim.advanceTo(t0.plusSeconds(s)).rideCommands().stream().filter(RequestRide.class::isInstance)
                    .map(RequestRide.class::cast).findFirst().orElse(null);
        }
        sim.observe(new DriverAssigned(ride.rideId(), "driver-00001", ride.pickup(), 1, t0.plusSeconds(s)));
        sim.observe(new RideStarted(ride.rideId(), "driver-00001", t0.plusSeconds(s + 1)));
        assertThat(sim.advanceTo(t0.plusSeconds(s + 1)).driverEvents()).isEmpty();

        List<DriverEvent> next = sim.advanceTo(t0.plusSeconds(s + 2)).driverEvents();

        assertThat(next).containsExactly(
                new DriverLocationUpdated("driver-00001", ride.pickup(), t0.plusSeconds(s + 2)));
        sim.observe(new RideCompleted(ride.rideId(), "driver-00001", 1, 1, Money.of(7, "USD"), 1,
                t0.plusSeconds(s + 2)));
        assertThat(sim.advanceTo(t0.plusSeconds(s + 3)).driverEvents()).containsExactly(
                new DriverLocationUpdated("driver-00001", ride.dropoff(), t0.plusSeconds(s + 3)));
    }

    @Test
    void idleDriverMovesToTheBestHotspotAfterTheIdleTime() {
        // the town's hotspot is Centre (40.75, -73.97); one driver all day, repositioning after 10 idle minutes
        WorldScenario base = town(0, profile(1, 1), 1, ALL_DAY);
        WorldScenario scenario = new WorldScenario(base.name(), base.start(), base.area(), base.demand(),
                base.riders(), new Supply(1, ALL_DAY, 10, null), base.travel());
        CitySimulation sim = new CitySimulation(scenario, 3);
        Instant t0 = scenario.start().toInstant();
        List<DriverEvent> events = new ArrayList<>();
        for (int s = 1; s <= 3_600; s++) {
            events.addAll(sim.advanceTo(t0.plusSeconds(s)).driverEvents());
        }
        DriverEvent online = events.get(0);
        LatLng centre = new LatLng(40.75, -73.97);
        if (online.position().distanceMeters(centre) > 1_000) {
            DriverEvent moved = events.get(1);
            assertThat(moved).isInstanceOf(DriverLocationUpdated.class);
            assertThat(moved.position()).isEqualTo(centre);
            long travelSeconds = scenario.travel().secondsFor(scenario.travel().routeMeters(online.position(), centre),
                    online.position(), t0.plusSeconds(601));
            assertThat(moved.at()).isEqualTo(t0.plusSeconds(1 + 600 + travelSeconds));
            assertThat(events).hasSize(2); // already at the best hotspot: it stays
        } else {
            assertThat(events).hasSize(1); // started near the hotspot: nowhere better to go
        }
    }

    @Test
    void aDriverOnShiftAnswersOffersOneOffShiftDeclinesAndAnotherWorldsDriverIsNotAnswered() {
        // one driver, on shift from 12:00 for one hour
        WorldScenario scenario = town(0, profile(1, 1), 1, List.of(new Shift(LocalTime.of(12, 30), 1, 1)));
        CitySimulation sim = new CitySimulation(scenario, 3);
        Instant t0 = scenario.start().toInstant();
        RideOffered offer = new RideOffered("ride-1", "driver-00001", new LatLng(40.75, -73.97), t0);
        sim.advanceTo(t0.plusSeconds(1));
        assertThat(sim.answer(offer)).containsInstanceOf(OfferDeclined.class); // not on shift yet

        for (int s = 2; s <= 3_600; s++) {
            sim.advanceTo(t0.plusSeconds(s));
        }
        assertThat(sim.answer(offer)).contains(new OfferAccepted("ride-1", "driver-00001", t0.plusSeconds(3_600)));
        assertThat(sim.answer(new RideOffered("ride-1", "driver-00002", offer.pickup(), t0))).isEmpty();
    }

    @Test
    void twoWorldsSharingAPlatformHaveDriversOfTheirOwnAndAnswerOnlyForThem() {
        WorldScenario scenario = town(0, profile(1, 1), 3, ALL_DAY);
        CitySimulation a = new CitySimulation(scenario, 3, "a1b2c3d4-");
        CitySimulation b = new CitySimulation(scenario, 3, "e5f6a7b8-");
        Instant t0 = scenario.start().toInstant();
        Set<String> driversOfA = new HashSet<>();
        Set<String> driversOfB = new HashSet<>();
        a.advanceTo(t0.plusSeconds(1)).driverEvents().forEach(e -> driversOfA.add(e.driverId()));
        b.advanceTo(t0.plusSeconds(1)).driverEvents().forEach(e -> driversOfB.add(e.driverId()));

        assertThat(driversOfA).containsExactlyInAnyOrder("driver-a1b2c3d4-00001", "driver-a1b2c3d4-00002",
                "driver-a1b2c3d4-00003");
        assertThat(driversOfB).hasSize(3).doesNotContainAnyElementsOf(driversOfA);
        RideOffered toA = new RideOffered("ride-1", "driver-a1b2c3d4-00002", new LatLng(40.75, -73.97), t0);
        assertThat(a.answer(toA)).isPresent();
        assertThat(b.answer(toA)).as("another world's driver").isEmpty();
        assertThat(a.answer(new RideOffered("ride-1", "driver-00002", toA.pickup(), t0))).isEmpty();
    }

    @Test
    void aWorldThatEndsTakesEveryOnlineDriverOfflineAndPlansNoMoreShifts() {
        WorldScenario scenario = town(0, profile(1, 1), 4, ALL_DAY);
        CitySimulation sim = new CitySimulation(scenario, 3, "a1b2c3d4-");
        Instant t0 = scenario.start().toInstant();
        sim.advanceTo(t0.plusSeconds(1));

        List<DriverEvent> off = sim.signOff(t0.plusSeconds(2));

        assertThat(off).hasSize(4).allSatisfy(e -> assertThat(e).isInstanceOf(DriverWentOffline.class));
        assertThat(off).extracting(DriverEvent::driverId).doesNotHaveDuplicates();
        assertThat(sim.advanceTo(t0.plusSeconds(2 * 86_400)).driverEvents()).as("no shift after the end").isEmpty();
        assertThat(sim.signOff(t0.plusSeconds(2 * 86_400 + 1))).as("nobody left online").isEmpty();
    }

    @Test
    void aWorldSteppedOnlyWhenSomethingIsDueDoesWhatOneSteppedEverySecondDoes() {
        // sparse riders who give up (no platform here), shifts of eight hours, idle drivers driving to the hotspot
        // after five minutes and pinging their position every 4 s on the way
        WorldScenario scenario = new WorldScenario("Test Town", ZonedDateTime.of(LocalDate.of(2026, 3, 2),
                LocalTime.of(22, 0), ZoneOffset.UTC), new BoundingBox(40.70, -74.02, 40.80, -73.92),
                new Demand(2_000.0, profile(1, 3), 0.5, List.of(new Hotspot("Centre", 40.75, -73.97, 1.0, 0.5)), 0.5,
                        2.0),
                new Riders(120, 300), new Supply(40, List.of(new Shift(LocalTime.of(20, 0), 8, 0.5),
                        new Shift(LocalTime.of(4, 0), 8, 0.5)), 5, null, 4),
                new TravelModel(30, 1.3).inTimeZone(ZoneOffset.UTC));
        Duration second = Duration.ofSeconds(1);
        CitySimulation everySecond = new CitySimulation(scenario, 11);
        Instant end = everySecond.now().plus(Duration.ofHours(8));
        List<Object> stepped = new ArrayList<>();
        for (Instant t = everySecond.now().plus(second); !t.isAfter(end); t = t.plus(second)) {
            Step step = everySecond.advanceTo(t);
            stepped.addAll(step.driverEvents());
            stepped.addAll(step.rideCommands());
        }

        CitySimulation skipping = new CitySimulation(scenario, 11);
        List<Object> skipped = new ArrayList<>();
        int steps = 0;
        while (skipping.now().isBefore(end)) {
            Instant due = skipping.nextDue(second, end);
            Instant next = due == null ? end : due.getNano() == 0 ? due : Instant.ofEpochSecond(due.getEpochSecond() + 1);
            next = next.isAfter(end) ? end : next.isAfter(skipping.now()) ? next : skipping.now().plus(second);
            Step step = skipping.advanceTo(next);
            skipped.addAll(step.driverEvents());
            skipped.addAll(step.rideCommands());
            steps++;
        }

        assertThat(stepped).filteredOn(RequestRide.class::isInstance).hasSizeGreaterThan(200);
        assertThat(stepped).filteredOn(CancelRide.class::isInstance).isNotEmpty();
        assertThat(stepped).filteredOn(DriverWentOffline.class::isInstance).isNotEmpty();
        assertThat(stepped).filteredOn(DriverLocationUpdated.class::isInstance).isNotEmpty();
        assertThat(skipped).isEqualTo(stepped);
        assertThat(steps).isLessThan(8 * 3_600 / 2);
    }

    private static List<Step> run(CitySimulation sim, int seconds) {
        Instant t0 = sim.now();
        List<Step> steps = new ArrayList<>();
        for (int s = 1; s <= seconds; s++) {
            steps.add(sim.advanceTo(t0.plusSeconds(s)));
        }
        return steps;
    }

    private static long countRequests(CitySimulation sim, int seconds) {
        return run(sim, seconds).stream().flatMap(step -> step.rideCommands().stream())
                .filter(RequestRide.class::isInstance).count();
    }

}
