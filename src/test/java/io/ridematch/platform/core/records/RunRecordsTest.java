package io.ridematch.platform.core.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.money.Money;
import io.ridematch.platform.core.readmodel.CityReadModel;
import io.ridematch.platform.core.readmodel.Kpis;
import io.ridematch.platform.core.records.RunRecords.Interval;
import io.ridematch.platform.core.records.RunRecords.RideRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunRecordsTest {

    private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");
    private static final LatLng A = new LatLng(40.01, -105.27);
    private static final LatLng B = new LatLng(40.03, -105.25);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Two drivers; ride 1 paid, ride 2 cancelled while waiting, ride 3 still on its trip at the end. */
    private static List<DomainEvent> day() {
        return List.of(
                new DriverWentOnline("d1", A, at(0)),
                new DriverWentOnline("d2", B, at(0)),
                new RideRequested("r1", "p1", A, B, at(60)),
                new DriverAssigned("r1", "d1", A, 120, at(61)),
                new RideStarted("r1", "d1", at(180)),
                new RideCompleted("r1", "d1", 3000, 600, Money.of("12.50", "USD"), 1.2, at(780)),
                new PaymentProcessed("r1", "pay-r1", Money.of("12.50", "USD"), at(781)),
                new RideRequested("r2", "p2", B, A, at(1000)),
                new RideCancelled("r2", CancelReason.RIDER_CANCELLED, at(1100)),
                new RideRequested("r3", "p3", B, A, at(1200)),
                new DriverAssigned("r3", "d2", B, 30, at(1200)),
                new RideStarted("r3", "d2", at(1230)),
                new DriverWentOffline("d1", B, at(1500)),
                new RideRequested("r4", "p4", A, B, at(1800)));
    }

    private static RunRecords fold(List<DomainEvent> events) {
        RunRecords records = new RunRecords();
        events.forEach(records::apply);
        return records;
    }

    @Test
    void eachRideIsOneRowWithItsTimesAndZones() {
        List<RideRow> rides = fold(day()).rides();
        assertThat(rides).extracting(RideRow::rideId).containsExactly("r1", "r2", "r3", "r4");
        assertThat(rides).extracting(RideRow::status).containsExactly("paid", "cancelled", "started", "requested");
        RideRow r1 = rides.get(0);
        assertThat(r1.waitSeconds()).isEqualTo(120);
        assertThat(r1.promisedEtaSeconds()).isEqualTo(120);
        assertThat(r1.travelSeconds()).isEqualTo(600);
        assertThat(r1.fare()).isEqualTo(Money.of("12.50", "USD"));
        assertThat(r1.fromZone()).matches("88[0-9a-f]{13}").isNotEqualTo(r1.toZone());
        assertThat(rides.get(1).cancelReason()).isEqualTo("rider-cancelled");
        assertThat(rides.get(3).driverId()).isNull();
    }

    @Test
    void driversHaveTheirTimeAndKm() {
        var drivers = fold(day()).drivers();
        assertThat(drivers).hasSize(2);
        var d1 = drivers.get(0);
        assertThat(d1.driverId()).isEqualTo("d1");
        assertThat(d1.onlineSeconds()).isEqualTo(1500);
        assertThat(d1.toPickupSeconds()).isEqualTo(119);
        assertThat(d1.onTripSeconds()).isEqualTo(600);
        assertThat(d1.trips()).isEqualTo(1);
        assertThat(d1.kmWithRider()).isCloseTo(A.distanceMeters(B) / 1000, org.assertj.core.data.Offset.offset(0.001));
        var d2 = drivers.get(1);
        assertThat(d2.onlineSeconds()).isEqualTo(1800); // online until the last event
        assertThat(d2.onTripSeconds()).isEqualTo(570); // a trip under way counts up to the last event
    }

    @Test
    void intervalsCountWhatHappenedInThemAndTheLastIsTheRunsKpis() {
        List<Interval> intervals = fold(day()).intervals(Duration.ofMinutes(15));
        // 14:00 and 14:15; the last event, at 14:30, is the second interval's last second, not a third interval
        assertThat(intervals).extracting(Interval::from).containsExactly(at(0), at(900));
        assertThat(intervals).extracting(Interval::requested).containsExactly(1L, 3L);
        assertThat(intervals).extracting(Interval::served).containsExactly(1L, 0L);
        assertThat(intervals).extracting(Interval::cancelled).containsExactly(0L, 1L);
        assertThat(intervals.get(0).idleDrivers()).isEqualTo(2); // at 14:15 both free
        assertThat(intervals.get(1).idleDrivers()).isEqualTo(0); // at 14:30 d1 offline, d2 on its trip
        assertThat(intervals.get(0).utilisation()).isEqualTo(Math.round(600.0 / 1800 * 10000) / 10000.0);
        CityReadModel model = new CityReadModel();
        day().forEach(model::apply);
        Kpis kpis = model.kpis();
        Interval last = intervals.get(intervals.size() - 1);
        assertThat(last.servedPercentToDate()).isEqualTo(kpis.servedPercent());
        assertThat(last.cancelledPercentToDate()).isEqualTo(kpis.cancelledPercent());
        assertThat(last.waitP50SecondsToDate()).isEqualTo((long) kpis.waitP50Seconds());
        assertThat(last.utilisationToDate()).isEqualTo(kpis.utilisation());
    }

    @Test
    void theSameEventsInAnotherOrderAcrossRidesOrTwiceGiveTheSameRecords() {
        RunRecords inOrder = fold(day());
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            // a replay reads partition by partition: each ride's and driver's events keep their order, the rest not
            List<DomainEvent> shuffled = interleave(day(), random);
            List<DomainEvent> twice = new ArrayList<>(shuffled);
            twice.addAll(random.nextInt(twice.size()), shuffled.subList(0, random.nextInt(shuffled.size())));
            RunRecords other = fold(twice);
            assertThat(other.rides()).isEqualTo(inOrder.rides());
            assertThat(other.drivers()).isEqualTo(inOrder.drivers());
            assertThat(other.intervals(Duration.ofMinutes(15))).isEqualTo(inOrder.intervals(Duration.ofMinutes(15)));
        }
    }

    /** Ride events in two streams (rides 1 and 3, rides 2 and 4), driver events in a third, merged at random. */
    private static List<DomainEvent> interleave(List<DomainEvent> events, Random random) {
        List<List<DomainEvent>> streams = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (DomainEvent e : events) {
            int stream = e instanceof io.ridematch.contract.RideEvent r
                    ? (r.rideId().equals("r1") || r.rideId().equals("r3") ? 0 : 1) : 2;
            streams.get(stream).add(e);
        }
        List<DomainEvent> merged = new ArrayList<>();
        List<Integer> next = new ArrayList<>(Collections.nCopies(3, 0));
        while (merged.size() < events.size()) {
            int s = random.nextInt(3);
            if (next.get(s) < streams.get(s).size()) {
                merged.add(streams.get(s).get(next.get(s)));
                next.set(s, next.get(s) + 1);
            }
        }
        return merged;
    }
}
