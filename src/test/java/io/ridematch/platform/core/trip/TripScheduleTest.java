package io.ridematch.platform.core.trip;

import static io.ridematch.contract.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.RideCommand.CompleteRide;
import io.ridematch.contract.RideCommand.StartRide;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.platform.core.pricing.FareSchedule;
import org.junit.jupiter.api.Test;

class TripScheduleTest {

    private final TravelModel travel = new TravelModel(18, 1.3);
    private final FareSchedule fares = new FareSchedule("USD", 2.5, 1.2, 0.3, 7);
    private final TripSchedule schedule = new TripSchedule(travel, fares);

    @Test
    void driverStartsTheRideWhenTheEtaIsOver() {
        schedule.apply(requested("r1"));
        schedule.apply(assigned("r1", "d1")); // at(1) with a 120 s ETA

        assertThat(schedule.due(at(120))).isEmpty();
        assertThat(schedule.due(at(121))).containsExactly(new StartRide("r1", at(121)));
        assertThat(schedule.due(at(500))).isEmpty();
    }

    @Test
    void saysWhenItsNextCommandIsDue() {
        assertThat(schedule.nextDue()).isNull();
        schedule.apply(requested("r1"));
        assertThat(schedule.nextDue()).isNull(); // nothing planned before a driver is assigned
        schedule.apply(assigned("r1", "d1"));

        assertThat(schedule.nextDue()).isEqualTo(at(121));
        schedule.due(at(121));
        assertThat(schedule.nextDue()).isNull();
    }

    @Test
    void tripCompletesAfterTheTravelTimeWithItsFare() {
        schedule.apply(requested("r1"));
        schedule.apply(assigned("r1", "d1"));
        schedule.apply(started("r1", "d1")); // at(121)

        double meters = travel.routeMeters(TIMES_SQUARE, UNION_SQUARE);
        long seconds = travel.secondsFor(meters);
        assertThat(schedule.due(at(121 + seconds - 1))).isEmpty();
        CompleteRide complete = (CompleteRide) schedule.due(at(121 + seconds)).get(0);
        assertThat(complete.durationSeconds()).isEqualTo(seconds);
        assertThat(complete.distanceMeters()).isEqualTo(Math.round(meters));
        assertThat(complete.fare()).isEqualTo(fares.fare(Math.round(meters), seconds, 1.0));
        assertThat(complete.at()).isEqualTo(at(121 + seconds));
    }

    @Test
    void cancelledRideIsNotStarted() {
        schedule.apply(requested("r1"));
        schedule.apply(assigned("r1", "d1"));
        schedule.apply(cancelled("r1"));
        assertThat(schedule.due(at(1_000))).isEmpty();
        assertThat(schedule.tripsInProgress()).isZero();
    }

    @Test
    void redeliveredAssignmentPlansOneStart() {
        schedule.apply(requested("r1"));
        schedule.apply(assigned("r1", "d1"));
        schedule.apply(assigned("r1", "d1"));
        assertThat(schedule.due(at(1_000))).hasSize(1);
    }

    @Test
    void dueCommandsComeEarliestFirstThenByRideId() {
        for (String id : new String[] {"r3", "r1", "r2"}) {
            schedule.apply(requested(id));
            schedule.apply(assigned(id, "d-" + id));
        }
        assertThat(schedule.due(at(200))).extracting(c -> c.rideId()).containsExactly("r1", "r2", "r3");
    }
}
