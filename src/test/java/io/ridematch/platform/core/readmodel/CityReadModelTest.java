package io.ridematch.platform.core.readmodel;

import static io.ridematch.contract.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.platform.core.readmodel.DriverView.DriverStatus;
import io.ridematch.platform.core.ride.RideStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CityReadModelTest {

    private final CityReadModel model = new CityReadModel();

    @Test
    void outcomesCountEveryRideOnce() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)));
        apply(fullRide("r1", "d1"));
        apply(requested("r2"), cancelled("r2"));
        apply(requested("r3"));

        assertThat(model.outcomes()).isEqualTo(new Outcomes(3, 1, 1, 1, 1, 0, 1));
    }

    @Test
    void kpisFollowTheirDefinitions() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)));
        apply(fullRide("r1", "d1"));               // wait 121 s, on trip 121..721
        // the driver's app reports the pickup and the drop-off
        apply(new DriverLocationUpdated("d1", TIMES_SQUARE, at(122)), new DriverLocationUpdated("d1", UNION_SQUARE, at(722)));
        apply(requested("r2"), cancelled("r2"));
        apply(new DriverWentOffline("d1", UNION_SQUARE, at(1_200)));

        Kpis kpis = model.kpis(at(1_200));

        assertThat(kpis.servedPercent()).isEqualTo(50.0);
        assertThat(kpis.cancelledPercent()).isEqualTo(50.0);
        assertThat(kpis.meanWaitSeconds()).isEqualTo(121.0);
        assertThat(kpis.waitP50Seconds()).isEqualTo(121.0);
        assertThat(kpis.waitP95Seconds()).isEqualTo(121.0);
        assertThat(kpis.utilisation()).isEqualTo(0.5); // 600 s on a trip out of 1,200 s online
        double empty = GRAND_CENTRAL.distanceMeters(TIMES_SQUARE);  // the driver's way to the pickup
        double loaded = TIMES_SQUARE.distanceMeters(UNION_SQUARE);  // the rider's trip
        assertThat(kpis.emptyKmRatio()).isEqualTo(Kpis.round(empty / (empty + loaded), 4));
        assertThat(kpis.meanPickupEtaSeconds()).isEqualTo(120.0);
        assertThat(kpis.meanSurge()).isEqualTo(1.0);
    }

    @Test
    void onlineTimeAndTripsInProgressCountUpToNow() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)));
        apply(requested("r1"), assigned("r1", "d1"), started("r1", "d1")); // trip from 121

        assertThat(model.kpis(at(221)).utilisation()).isEqualTo(Kpis.round(100.0 / 221, 4));
    }

    @Test
    void redeliveredEventsChangeNothing() {
        List<DomainEvent> log = new ArrayList<>();
        log.add(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)));
        log.addAll(List.of(fullRide("r1", "d1")));
        log.forEach(model::apply);
        Outcomes once = model.outcomes();
        Kpis kpisOnce = model.kpis(at(900));

        long applied = log.stream().filter(model::apply).count();

        assertThat(applied).isZero();
        assertThat(model.outcomes()).isEqualTo(once);
        assertThat(model.kpis(at(900))).isEqualTo(kpisOnce);
    }

    @Test
    void keepsRowsOfTheMostRecentFinishedRidesOnlyAndStillRefusesRedeliveriesOfOlderOnes() {
        CityReadModel small = new CityReadModel(2);
        List<DomainEvent> log = new ArrayList<>();
        log.add(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)));
        log.addAll(List.of(fullRide("r1", "d1")));
        log.addAll(List.of(requested("r2"), cancelled("r2")));
        log.addAll(List.of(fullRide("r3", "d1")));
        log.add(requested("r4")); // still waiting: never forgotten
        log.forEach(small::apply);
        Outcomes outcomes = small.outcomes();

        assertThat(small.ride("r1")).isEmpty();
        assertThat(small.rideHistory("r1")).isEmpty();
        assertThat(small.forgottenEnd("r1")).contains(RideStatus.PAID);
        assertThat(small.ride("r2")).map(RideView::status).contains(RideStatus.CANCELLED);
        assertThat(small.ride("r3")).map(RideView::status).contains(RideStatus.PAID);
        assertThat(small.ride("r4")).map(RideView::status).contains(RideStatus.REQUESTED);
        assertThat(small.forgottenEnd("r3")).isEmpty();
        assertThat(small.forgottenEnd("r9")).isEmpty();

        // the whole log again, the forgotten ride's request first among it: nothing counts twice
        assertThat(log.stream().filter(small::apply).count()).isZero();
        assertThat(small.outcomes()).isEqualTo(outcomes);
    }

    @Test
    void rideAndDriverViewsFollowTheLifecycle() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)));
        apply(requested("r1"), assigned("r1", "d1"));
        assertThat(model.driverView("d1").orElseThrow().status()).isEqualTo(DriverStatus.TO_PICKUP);

        apply(started("r1", "d1"));
        assertThat(model.driverView("d1").orElseThrow().status()).isEqualTo(DriverStatus.ON_TRIP);

        apply(completed("r1", "d1"), paid("r1"));
        DriverView driver = model.driverView("d1").orElseThrow();
        assertThat(driver.status()).isEqualTo(DriverStatus.IDLE);
        assertThat(driver.position()).isEqualTo(UNION_SQUARE);
        assertThat(driver.completedRides()).isEqualTo(1);

        RideView ride = model.ride("r1").orElseThrow();
        assertThat(ride.status()).isEqualTo(RideStatus.PAID);
        assertThat(ride.fare()).isEqualTo(FARE);
        assertThat(ride.paymentId()).isEqualTo("pay-r1");
        assertThat(model.ride("nope")).isEmpty();
        assertThat(model.driversByStatus()).containsEntry(DriverStatus.IDLE, 1L);
    }

    @Test
    void aDriversEarlierRideReadAfterTheOpenOneLeavesTheDriverOnTheOpenOne() {
        // a replay, partition by partition: the open ride r2 (assigned at 1000 s) comes before the finished r1
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)));
        apply(requested("r2"), new RideEvent.DriverAssigned("r2", "d1", GRAND_CENTRAL, 60, at(1000)),
                new RideEvent.RideStarted("r2", "d1", at(1060)));
        apply(requested("r1"), assigned("r1", "d1"), started("r1", "d1"), completed("r1", "d1"));

        DriverView driver = model.driverView("d1").orElseThrow();
        assertThat(driver.status()).isEqualTo(DriverStatus.ON_TRIP);
        assertThat(driver.rideId()).isEqualTo("r2");
        assertThat(driver.completedRides()).isEqualTo(1);
    }

    @Test
    void percentilesAreNearestRank() {
        Samples samples = new Samples();
        for (int i = 1; i <= 100; i++) {
            samples.add(i);
        }
        assertThat(samples.percentile(50)).isEqualTo(50);
        assertThat(samples.percentile(95)).isEqualTo(95);
        assertThat(samples.percentile(100)).isEqualTo(100);
        assertThat(samples.mean()).isEqualTo(50.5);
        assertThat(new Samples().percentile(50)).isZero();
    }

    private void apply(DomainEvent... events) {
        for (DomainEvent e : events) {
            model.apply(e);
        }
    }
}
