package io.ridematch.platform.core.readmodel;

import static io.ridematch.contract.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.platform.core.matching.H3DriverIndex;
import io.ridematch.platform.core.readmodel.DriverView.DriverStatus;
import io.ridematch.platform.core.readmodel.LiveCity.Motion;
import io.ridematch.platform.core.readmodel.LiveCity.WaitingRider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveCityTest {

    private final TravelModel travel = new TravelModel(30, 1.3);
    private final LiveCity city = new LiveCity(travel);

    @Test
    void anAssignedDriverHeadsForThePickupAndArrivesAtTheEta() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)), requested("r1"), assigned("r1", "d1"));

        Motion motion = only(changedSince(0));
        assertThat(motion.status()).isEqualTo(DriverStatus.TO_PICKUP);
        assertThat(motion.positionAt(at(1).toEpochMilli())).isEqualTo(GRAND_CENTRAL);
        assertThat(motion.positionAt(at(121).toEpochMilli())).isEqualTo(TIMES_SQUARE);
        LatLng halfway = motion.positionAt(at(61).toEpochMilli());
        assertThat(halfway.lat()).isCloseTo((GRAND_CENTRAL.lat() + TIMES_SQUARE.lat()) / 2,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aTripRunsFromPickupToDropOffInTheTravelModelsTime() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)), requested("r1"), assigned("r1", "d1"),
                started("r1", "d1"));

        Motion motion = only(changedSince(0));
        long seconds = travel.trip(TIMES_SQUARE, UNION_SQUARE, at(121)).seconds();
        assertThat(motion.status()).isEqualTo(DriverStatus.ON_TRIP);
        assertThat(motion.from()).isEqualTo(TIMES_SQUARE);
        assertThat(motion.to()).isEqualTo(UNION_SQUARE);
        assertThat(motion.arriveMillis() - motion.departMillis()).isEqualTo(seconds * 1000);
    }

    @Test
    void aCompletedRideLeavesTheDriverIdleAtTheDropOff() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)));
        apply(fullRide("r1", "d1"));

        Motion motion = only(changedSince(0));
        assertThat(motion.status()).isEqualTo(DriverStatus.IDLE);
        assertThat(motion.positionAt(at(10_000).toEpochMilli())).isEqualTo(UNION_SQUARE);
        assertThat(city.waitingRiders()).isZero();
    }

    @Test
    void ridersWaitUntilPickedUpOrCancelledAndShowWhenADriverIsComing() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)), requested("r1"), requested("r2"));
        assertThat(waiting()).containsExactly(new WaitingRider(TIMES_SQUARE, false), new WaitingRider(TIMES_SQUARE, false));

        apply(assigned("r1", "d1"));
        assertThat(waiting()).containsExactly(new WaitingRider(TIMES_SQUARE, true), new WaitingRider(TIMES_SQUARE, false));

        apply(started("r1", "d1"), cancelled("r2"));
        assertThat(waiting()).isEmpty();
    }

    @Test
    void aCancelledPickupLeavesTheDriverIdleWhereItWasAssigned() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)), requested("r1"), assigned("r1", "d1"), cancelled("r1"));

        Motion motion = only(changedSince(0));
        assertThat(motion.status()).isEqualTo(DriverStatus.IDLE);
        assertThat(motion.to()).isEqualTo(GRAND_CENTRAL);
    }

    @Test
    void locationReportsMoveIdleDriversOnlyAndOfflineDriversLeaveTheCount() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)), new DriverWentOnline("d2", GRAND_CENTRAL, at(0)));
        apply(new DriverLocationUpdated("d1", UNION_SQUARE, at(5)));
        apply(requested("r1"), assigned("r1", "d2"), new DriverLocationUpdated("d2", UNION_SQUARE, at(6)));
        assertThat(changedSince(0)).extracting(Motion::to).containsExactly(UNION_SQUARE, TIMES_SQUARE);

        apply(new DriverWentOffline("d1", UNION_SQUARE, at(7)));
        assertThat(city.driversOnline()).isEqualTo(1);
        assertThat(city.slots()).isEqualTo(2);
    }

    @Test
    void aViewerAskingSinceItsLastVersionGetsOnlyTheDriversChangedSince() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)), new DriverWentOnline("d2", GRAND_CENTRAL, at(0)),
                new DriverWentOnline("d3", GRAND_CENTRAL, at(0)));
        long seen = city.version();
        assertThat(changedSince(seen)).isEmpty();

        apply(new DriverLocationUpdated("d3", TIMES_SQUARE, at(5)), new DriverLocationUpdated("d3", UNION_SQUARE, at(9)));
        apply(new DriverLocationUpdated("d2", UNION_SQUARE, at(9)));

        // the newest state of each, once, however many changes it went through
        assertThat(changedSince(seen)).extracting(Motion::slot, Motion::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, UNION_SQUARE),
                        org.assertj.core.groups.Tuple.tuple(2, UNION_SQUARE));
    }

    @Test
    void zonesCountRidersWithoutADriverAndIdleDrivers() {
        apply(new DriverWentOnline("d1", GRAND_CENTRAL, at(0)), new DriverWentOnline("d2", UNION_SQUARE, at(0)));
        apply(requested("r1"), requested("r2"), assigned("r2", "d2"));

        var loads = city.zoneLoads(7);
        long timesSquare = H3DriverIndex.cellOf(TIMES_SQUARE, 7);
        long grandCentral = H3DriverIndex.cellOf(GRAND_CENTRAL, 7);
        int waitingAtTimesSquare = loads.get(timesSquare).waitingRiders();
        int idleAtGrandCentral = loads.get(grandCentral).idleDrivers();
        assertThat(waitingAtTimesSquare).isEqualTo(1);
        assertThat(idleAtGrandCentral).isEqualTo(1);
        assertThat(loads.values().stream().mapToInt(LiveCity.ZoneLoad::idleDrivers).sum()).isEqualTo(1);
    }

    private void apply(DomainEvent... events) {
        for (DomainEvent e : events) {
            city.apply(e);
        }
    }

    private List<Motion> changedSince(long version) {
        List<Motion> changed = new ArrayList<>();
        city.changedSince(version, changed::add);
        return changed;
    }

    private List<WaitingRider> waiting() {
        List<WaitingRider> riders = new ArrayList<>();
        city.waitingRiders(100, riders::add);
        return riders;
    }

    private static Motion only(List<Motion> motions) {
        assertThat(motions).hasSize(1);
        return motions.get(0);
    }
}
