package io.ridematch.platform.core.matching;

import static io.ridematch.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.DriverOffer.OfferDeclined;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.contract.geo.Zones;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two platform processes share a city of two zones (south 0, north 1): a driver is in one board's custody at a
 * time, and a board hands a driver on only once it holds no offer of its own, so no two boards offer one driver.
 */
class ZoneCustodyTest {

    private static final Zones ZONES = new Zones(new BoundingBox(40.70, -74.02, 40.80, -73.96), 2);
    private static final LatLng NORTH = new LatLng(40.7700, -73.9900);
    private static final LatLng NORTH_RIDER = new LatLng(40.7710, -73.9900);
    private static final LatLng SOUTH = new LatLng(40.7300, -73.9900);
    private static final LatLng SOUTH_RIDER = new LatLng(40.7310, -73.9900);
    private static final LatLng DROPOFF = new LatLng(40.7800, -73.9700);

    private final DispatchBoard north = board(1);
    private final DispatchBoard south = board(0);

    private static DispatchBoard board(int zone) {
        DispatchBoard board = new DispatchBoard(new NearestDriverMatcher(10_000), new TravelModel(36, 1.0),
                Duration.ofMinutes(15), new GridIndex(500, 40.75), 40.75, Duration.ofSeconds(30),
                Duration.ZERO);
        board.ownZones(ZONES, Set.of(zone));
        return board;
    }

    @Test
    void theZonesRunAcrossTheLongerSide() {
        assertThat(ZONES.of(SOUTH)).isZero();
        assertThat(ZONES.of(NORTH)).isEqualTo(1);
        assertThat(ZONES.of(new LatLng(39.0, -80.0))).as("outside the area: the nearest strip").isZero();
    }

    @Test
    void aBoardOffersOnlyDriversInItsZonesAndInItsCustody() {
        north.report(new DriverWentOnline("d-online", NORTH, at(0)), 1, false);
        // the world reported this one to zone 1 because its previous report was there: whoever had it hands it on
        north.report(new DriverLocationUpdated("d-unhanded", NORTH, at(0)), 1, false);
        south.report(new DriverWentOnline("d-south", SOUTH, at(0)), 0, false);
        assertThat(north.availableDrivers()).isEqualTo(1);

        north.apply(new RideRequested("r1", "x", NORTH_RIDER, DROPOFF, at(1)));
        north.apply(new RideRequested("r2", "x", NORTH_RIDER, DROPOFF, at(1)));
        List<RideOffered> offers = north.dispatch(at(2)).offers();
        assertThat(offers).extracting(RideOffered::driverId).containsExactly("d-online");

        north.report(new DriverLocationUpdated("d-unhanded", NORTH, at(0)), 1, true);
        assertThat(north.dispatch(at(3)).offers()).extracting(RideOffered::driverId).containsExactly("d-unhanded");
    }

    @Test
    void aFreeDriverWhoLeavesIsHandedOnAtOnceAndOnlyTheNewOwnerOffersIt() {
        south.report(new DriverWentOnline("d1", SOUTH, at(0)), 0, false);
        DriverEvent moved = new DriverLocationUpdated("d1", NORTH, at(60));
        south.report(moved, 0, false); // the world reports it where its previous report was: zone 0

        assertThat(south.takeHandovers()).containsExactly(moved);
        assertThat(south.availableDrivers()).isZero();
        south.apply(new RideRequested("r-south", "x", SOUTH_RIDER, DROPOFF, at(61)));
        assertThat(south.dispatch(at(62)).offers()).isEmpty();

        north.report(moved, 1, true);
        north.apply(new RideRequested("r-north", "x", NORTH_RIDER, DROPOFF, at(61)));
        assertThat(north.dispatch(at(62)).offers()).extracting(RideOffered::driverId).containsExactly("d1");
    }

    @Test
    void aDriverHeldByAnOfferIsHandedOnOnlyOnceTheOfferIsOver() {
        south.report(new DriverWentOnline("d1", SOUTH, at(0)), 0, false);
        south.apply(new RideRequested("r1", "x", SOUTH_RIDER, DROPOFF, at(1)));
        RideOffered offer = south.dispatch(at(2)).offers().get(0);
        DriverEvent moved = new DriverLocationUpdated("d1", NORTH, at(3));
        south.report(moved, 0, false);
        assertThat(south.takeHandovers()).as("held by the offer").isEmpty();

        south.answer(new OfferDeclined(offer.rideId(), "d1", at(4)), at(4));
        assertThat(south.takeHandovers()).containsExactly(moved);
        assertThat(south.dispatch(at(5)).offers()).as("gone north").isEmpty();
    }

    @Test
    void aRepeatedHandoverOlderThanWhatTheBoardKnowsChangesNothing() {
        north.report(new DriverWentOnline("d1", NORTH, at(0)), 1, false);
        north.report(new DriverLocationUpdated("d1", SOUTH, at(100)), 1, false); // left: handed south
        assertThat(north.takeHandovers()).hasSize(1);
        north.report(new DriverLocationUpdated("d1", NORTH, at(50)), 1, true); // a stale hand, redone after a restart
        north.apply(new RideRequested("r1", "x", NORTH_RIDER, DROPOFF, at(101)));
        assertThat(north.dispatch(at(102)).offers()).isEmpty();
    }

    @Test
    void aHeldDriverStaysInCustodyWhenItsNextReportKeepsItInTheZoneItWasReportedTo() {
        DispatchBoard both = board(0);
        both.ownZones(ZONES, Set.of(0, 1));
        both.report(new DriverWentOnline("d1", SOUTH, at(0)), 0, false);
        both.apply(new RideRequested("r1", "x", SOUTH_RIDER, DROPOFF, at(1)));
        RideOffered offer = both.dispatch(at(2)).offers().get(0);
        both.report(new DriverLocationUpdated("d1", NORTH, at(3)), 0, false); // left zone 0, while held
        both.report(new DriverLocationUpdated("d1", NORTH, at(4)), 1, false); // its next report: zone 1, where it is
        both.answer(new OfferDeclined(offer.rideId(), "d1", at(5)), at(5));

        assertThat(both.takeHandovers()).as("nothing to hand on: the next report reached this board").isEmpty();
        both.apply(new RideRequested("r2", "x", NORTH_RIDER, DROPOFF, at(6)));
        assertThat(both.dispatch(at(7)).offers()).extracting(RideOffered::driverId).containsExactly("d1");
    }
}
