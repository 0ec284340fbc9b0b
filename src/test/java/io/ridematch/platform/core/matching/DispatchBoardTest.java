package io.ridematch.platform.core.matching;

import static io.ridematch.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.DriverOffer.OfferAccepted;
import io.ridematch.contract.DriverOffer.OfferDeclined;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.AssignDriver;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.contract.money.Money;
import io.ridematch.platform.core.matching.DispatchBoard.Round;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchBoardTest {

    private static final LatLng A = new LatLng(40.7500, -73.9900);
    private static final LatLng NEAR_A = new LatLng(40.7510, -73.9900);   // ~110 m north of A
    private static final LatLng FAR_FROM_A = new LatLng(40.7700, -73.9900); // ~2.2 km north
    private static final LatLng DROPOFF = new LatLng(40.7300, -73.9900);
    private static final TravelModel TRAVEL = new TravelModel(36, 1.0); // 10 m/s, straight lines

    private final DispatchBoard board = new DispatchBoard(new NearestDriverMatcher(5_000), TRAVEL,
            Duration.ofMinutes(15), 40.75);

    @Test
    void oldestRideGetsTheNearestDriverWithEtaFromDistance() {
        board.apply(new DriverWentOnline("d-far", FAR_FROM_A, at(0)));
        board.apply(new DriverWentOnline("d-near", NEAR_A, at(0)));
        board.apply(new RideRequested("r-new", "x", A, DROPOFF, at(5)));
        board.apply(new RideRequested("r-old", "x", A, DROPOFF, at(2)));

        List<RideCommand> commands = accepting(board, at(6));

        assertThat(commands).hasSize(2);
        AssignDriver first = (AssignDriver) commands.get(0);
        assertThat(first.rideId()).isEqualTo("r-old");
        assertThat(first.driverId()).isEqualTo("d-near");
        assertThat(first.pickupEtaSeconds()).isEqualTo(Math.round(NEAR_A.distanceMeters(A) / 10));
        assertThat(((AssignDriver) commands.get(1)).driverId()).isEqualTo("d-far");
        assertThat(board.availableDrivers()).isZero();
    }

    @Test
    void saysWhenARoundHasSomethingToDoThoughNothingElseHappens() {
        DispatchBoard board = new DispatchBoard(new NearestDriverMatcher(1_000), TRAVEL, Duration.ofMinutes(15),
                new GridIndex(500, 40.75), 40.75, Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(board.nextDue(at(0))).isNull();
        board.apply(new DriverWentOnline("d1", NEAR_A, at(0)));
        assertThat(board.nextDue(at(0))).isEqualTo(at(0).plusNanos(1)); // a new driver: the next round
        board.dispatch(at(1));
        assertThat(board.nextDue(at(1))).isNull();

        board.apply(new RideRequested("r-far", "x", FAR_FROM_A, DROPOFF, at(2))); // out of d1's reach
        board.dispatch(at(3));
        assertThat(board.nextDue(at(3))).isEqualTo(at(2).plus(Duration.ofMinutes(15))); // waits its longest

        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(4)));
        assertThat(board.dispatch(at(5)).offers()).extracting(RideOffered::driverId).containsExactly("d1");
        assertThat(board.nextDue(at(5))).isEqualTo(at(35)); // the offer's timeout

        board.answer(new OfferDeclined("r1", "d1", at(6)), at(6));
        assertThat(board.nextDue(at(6))).isEqualTo(at(6).plusNanos(1)); // r1 back for the next round
        board.dispatch(at(7));
        assertThat(board.nextDue(at(7))).isEqualTo(at(66)); // d1's cooldown ends
    }

    @Test
    void heldDriverIsNotOfferedTwice() {
        board.apply(new DriverWentOnline("d1", NEAR_A, at(0)));
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        assertThat(accepting(board, at(2))).hasSize(1);

        board.apply(new RideRequested("r2", "x", A, DROPOFF, at(3)));
        assertThat(accepting(board, at(4))).isEmpty();
        assertThat(board.waitingRides()).isEqualTo(1);
    }

    @Test
    void completedRideFreesTheDriverAtTheDropoff() {
        board.apply(new DriverWentOnline("d1", NEAR_A, at(0)));
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        accepting(board, at(2));
        board.apply(new DriverAssigned("r1", "d1", NEAR_A, 11, at(2)));
        board.apply(new RideCompleted("r1", "d1", 2000, 200, Money.of(9, "USD"), 1.0, at(300)));

        board.apply(new RideRequested("r2", "x", DROPOFF, A, at(301)));
        AssignDriver next = (AssignDriver) accepting(board, at(302)).get(0);
        assertThat(next.driverId()).isEqualTo("d1");
        assertThat(next.driverPosition()).isEqualTo(DROPOFF);
        assertThat(next.pickupEtaSeconds()).isZero();
    }

    @Test
    void refusedAssignmentPutsTheDriverBack() {
        board.apply(new DriverWentOnline("d1", NEAR_A, at(0)));
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        AssignDriver offer = (AssignDriver) accepting(board, at(2)).get(0);

        board.assignmentRefused(offer);

        assertThat(board.availableDrivers()).isEqualTo(1);
    }

    @Test
    void cancelledRideIsNotMatchedAndReleasesItsDriver() {
        board.apply(new DriverWentOnline("d1", NEAR_A, at(0)));
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        board.apply(new RideRequested("r2", "x", A, DROPOFF, at(1)));
        board.apply(new RideCancelled("r2", CancelReason.RIDER_TIMEOUT, at(2)));
        accepting(board, at(3));
        assertThat(board.availableDrivers()).isZero();

        board.apply(new RideCancelled("r1", CancelReason.RIDER_CANCELLED, at(4)));

        assertThat(board.availableDrivers()).isEqualTo(1);
        assertThat(board.waitingRides()).isZero();
    }

    @Test
    void offlineDriversAreNotMatched() {
        board.apply(new DriverWentOnline("d1", NEAR_A, at(0)));
        board.apply(new DriverWentOffline("d1", NEAR_A, at(1)));
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(2)));
        assertThat(accepting(board, at(3))).isEmpty();
    }

    @Test
    void rideWaitingPastTheLimitIsCancelledForNoDriver() {
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(0)));
        assertThat(accepting(board, at(899))).isEmpty();

        List<RideCommand> commands = accepting(board, at(900));

        assertThat(commands).containsExactly(new CancelRide("r1", CancelReason.NO_DRIVER, at(900)));
        assertThat(board.waitingRides()).isZero();
    }

    @Test
    void driverBeyondReachIsNotOffered() {
        DispatchBoard strict = new DispatchBoard(new NearestDriverMatcher(1_000), TRAVEL, Duration.ofMinutes(15),
                40.75);
        strict.apply(new DriverWentOnline("d1", FAR_FROM_A, at(0)));
        strict.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        assertThat(accepting(strict, at(2))).isEmpty();
    }

    @Test
    void rideLeftWaitingIsMatchedOnceADriverFreesUpNearby() {
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        assertThat(accepting(board, at(2))).isEmpty();
        board.apply(new DriverWentOnline("d-elsewhere", new LatLng(40.85, -73.99), at(3)));
        assertThat(accepting(board, at(4))).isEmpty();

        board.apply(new DriverWentOnline("d1", FAR_FROM_A, at(5)));

        assertThat(accepting(board, at(6))).singleElement()
                .satisfies(c -> assertThat(((AssignDriver) c).driverId()).isEqualTo("d1"));
    }

    @Test
    void aPickIsAnOfferThatHoldsTheDriverAndTheRideUntilTheAnswer() {
        board.apply(new DriverWentOnline("d1", NEAR_A, at(0)));
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));

        Round round = board.dispatch(at(2));

        assertThat(round.commands()).isEmpty();
        assertThat(round.offers()).containsExactly(new RideOffered("r1", "d1", A, at(2)));
        assertThat(board.availableDrivers()).isZero();
        assertThat(board.waitingRides()).isZero();
        assertThat(board.dispatch(at(3)).offers()).isEmpty();

        assertThat(board.answer(new OfferAccepted("r1", "d1", at(3)), at(3))).hasValueSatisfying(assignment -> {
            assertThat(assignment.driverId()).isEqualTo("d1");
            assertThat(assignment.at()).isEqualTo(at(3));
            assertThat(assignment.pickupEtaSeconds()).isEqualTo(Math.round(NEAR_A.distanceMeters(A) / 10));
        });
        // the same answer again, or one from a driver who was not offered the ride, does nothing
        assertThat(board.answer(new OfferAccepted("r1", "d1", at(3)), at(3))).isEmpty();
    }

    @Test
    void declinedOfferSendsTheRideBackToMatchingAndTheDriverSitsOut() {
        DispatchBoard picky = withCooldown(Duration.ofSeconds(30));
        picky.apply(new DriverWentOnline("d-near", NEAR_A, at(0)));
        picky.apply(new DriverWentOnline("d-far", FAR_FROM_A, at(0)));
        picky.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));

        // the nearest driver declines: nobody is assigned, the ride waits
        RideOffered offer = picky.dispatch(at(2)).offers().get(0);
        assertThat(offer.driverId()).isEqualTo("d-near");
        assertThat(picky.answer(new OfferDeclined("r1", "d-near", at(2)), at(2))).isEmpty();
        assertThat(picky.declinedOffers()).isEqualTo(1);
        assertThat(picky.waitingRides()).isEqualTo(1);

        // next round the ride is offered again, to the next driver
        assertThat(accepting(picky, at(3))).singleElement()
                .satisfies(c -> assertThat(((AssignDriver) c).driverId()).isEqualTo("d-far"));

        // the decliner is back after the cooldown
        assertThat(picky.availableDrivers()).isZero();
        picky.dispatch(at(32));
        assertThat(picky.availableDrivers()).isEqualTo(1);
    }

    @Test
    void anOfferLeftUnansweredCountsAsDeclinedAfterTheTimeout() {
        DispatchBoard patient = withCooldown(Duration.ofSeconds(60));
        patient.apply(new DriverWentOnline("d1", NEAR_A, at(0)));
        patient.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        patient.dispatch(at(2));

        assertThat(patient.dispatch(at(31)).offers()).isEmpty();
        assertThat(patient.waitingRides()).isZero();

        patient.dispatch(at(32)); // the offer of 00:02 timed out (30 s): the ride waits again, the driver sits out
        assertThat(patient.declinedOffers()).isEqualTo(1);
        assertThat(patient.waitingRides()).isEqualTo(1);
        assertThat(patient.answer(new OfferAccepted("r1", "d1", at(33)), at(33))).isEmpty();
    }

    @Test
    void aDriverWhoLetsTwoOffersInARowExpireIsSetAsideUntilHeardFrom() {
        DispatchBoard board = withCooldown(Duration.ZERO);
        board.apply(new DriverWentOnline("d-gone", NEAR_A, at(0))); // its app went away: it never answers
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        assertThat(board.dispatch(at(2)).offers()).singleElement()
                .satisfies(o -> assertThat(o.driverId()).isEqualTo("d-gone"));
        // the first offer expires: the ride is offered to the same driver again, as a decline would be
        assertThat(board.dispatch(at(32)).offers()).singleElement()
                .satisfies(o -> assertThat(o.driverId()).isEqualTo("d-gone"));
        // the second expires too: the driver is set aside, the ride waits for another
        assertThat(board.dispatch(at(62)).offers()).isEmpty();
        assertThat(board.availableDrivers()).isZero();
        assertThat(board.declinedOffers()).isEqualTo(2);

        // a driver who answers is not set aside, and the ride goes to it
        board.apply(new DriverWentOnline("d-here", FAR_FROM_A, at(63)));
        assertThat(accepting(board, at(64))).singleElement()
                .satisfies(c -> assertThat(((AssignDriver) c).driverId()).isEqualTo("d-here"));

        // heard from again (a report), the driver set aside is offered the next ride
        board.apply(new DriverLocationUpdated("d-gone", NEAR_A, at(70)));
        assertThat(board.availableDrivers()).isEqualTo(1);
        board.apply(new RideRequested("r2", "x", A, DROPOFF, at(71)));
        assertThat(board.dispatch(at(72)).offers()).singleElement()
                .satisfies(o -> assertThat(o.driverId()).isEqualTo("d-gone"));
    }

    @Test
    void oneUnansweredOfferThenAnAnswerKeepsTheDriverInPlay() {
        DispatchBoard board = withCooldown(Duration.ZERO);
        board.apply(new DriverWentOnline("d-slow", NEAR_A, at(0)));
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        board.dispatch(at(2));
        board.dispatch(at(32)); // expired once, offered again
        // it answers this time (declines): heard from, its count starts again
        assertThat(board.answer(new OfferDeclined("r1", "d-slow", at(33)), at(33))).isEmpty();
        RideOffered again = board.dispatch(at(34)).offers().get(0);
        assertThat(again.driverId()).isEqualTo("d-slow");
        // one more expiry is the first in a row, not the second
        assertThat(board.dispatch(at(64)).offers()).singleElement()
                .satisfies(o -> assertThat(o.driverId()).isEqualTo("d-slow"));
        // a late answer to an expired offer is heard too, after a second expiry in a row set it aside
        assertThat(board.dispatch(at(94)).offers()).isEmpty();
        assertThat(board.answer(new OfferAccepted("r1", "d-slow", at(95)), at(95))).isEmpty();
        assertThat(board.dispatch(at(96)).offers()).singleElement()
                .satisfies(o -> assertThat(o.driverId()).isEqualTo("d-slow"));
    }

    @Test
    void anAcceptanceArrivingAfterTheRiderCancelledAssignsNobody() {
        board.apply(new DriverWentOnline("d1", NEAR_A, at(0)));
        board.apply(new RideRequested("r1", "x", A, DROPOFF, at(1)));
        board.dispatch(at(2));

        board.apply(new RideCancelled("r1", CancelReason.RIDER_CANCELLED, at(3)));

        assertThat(board.answer(new OfferAccepted("r1", "d1", at(4)), at(4))).isEmpty();
        assertThat(board.availableDrivers()).isEqualTo(1);
    }

    @Test
    void aBoardRestoredFromTheLogHoldsTheDriverOfTheOpenRideWhateverOrderTheRidesComeIn() {
        // partition by partition: the driver's later, open ride is read before the earlier, finished one
        board.restore(new RideRequested("r-open", "x", A, DROPOFF, at(400)));
        board.restore(new DriverAssigned("r-open", "d1", NEAR_A, 11, at(401)));
        board.restore(new RideRequested("r-done", "x", A, DROPOFF, at(1)));
        board.restore(new DriverAssigned("r-done", "d1", NEAR_A, 11, at(2)));
        board.restore(new RideCompleted("r-done", "d1", 2000, 200, Money.of(9, "USD"), 1.0, at(300)));
        board.restore(new RideRequested("r-waiting", "x", A, DROPOFF, at(402)));
        board.restore(new DriverWentOnline("d1", NEAR_A, at(0)));
        board.restore(new DriverWentOnline("d2", FAR_FROM_A, at(0)));
        board.restored();

        assertThat(board.waitingRides()).isEqualTo(1);
        assertThat(board.availableDrivers()).isEqualTo(1);
        assertThat(board.dispatch(at(403)).offers()).singleElement()
                .satisfies(offer -> assertThat(offer.driverId()).isEqualTo("d2"));

        board.apply(new RideCompleted("r-open", "d1", 2000, 200, Money.of(9, "USD"), 1.0, at(900)));
        assertThat(board.availableDrivers()).isEqualTo(1); // d1, at the open ride's drop-off
    }

    /** Offers time out after 30 s; a driver who declined gets no offer for {@code cooldown}. */
    private static DispatchBoard withCooldown(Duration cooldown) {
        return new DispatchBoard(new NearestDriverMatcher(5_000), TRAVEL, Duration.ofMinutes(15),
                new GridIndex(500, 40.75), 40.75, Duration.ofSeconds(30), cooldown);
    }

    /** A round in which every driver offered a ride accepts at once: the commands the ride service is asked for. */
    private static List<RideCommand> accepting(DispatchBoard board, Instant now) {
        Round round = board.dispatch(now);
        List<RideCommand> commands = new ArrayList<>(round.commands());
        for (RideOffered offer : round.offers()) {
            board.answer(new OfferAccepted(offer.rideId(), offer.driverId(), now), now).ifPresent(commands::add);
        }
        return commands;
    }

    @Test
    void redeliveredRequestIsNotQueuedTwice() {
        RideRequested request = new RideRequested("r1", "x", A, DROPOFF, at(1));
        board.apply(request);
        board.apply(request);
        assertThat(board.waitingRides()).isEqualTo(1);
    }
}
