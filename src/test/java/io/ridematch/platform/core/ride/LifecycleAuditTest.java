package io.ridematch.platform.core.ride;

import static io.ridematch.contract.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideStarted;
import org.junit.jupiter.api.Test;

class LifecycleAuditTest {

    @Test
    void completeAndCancelledRidesPass() {
        LifecycleAudit audit = audit(fullRide("r1", "d1"));
        feed(audit, requested("r2"), cancelled("r2"));
        // the same driver again, after r1 completed at 721 s
        feed(audit, requested("r3"), new DriverAssigned("r3", "d1", UNION_SQUARE, 60, at(721)),
                new RideStarted("r3", "d1", at(781)), new RideCompleted("r3", "d1", 900, 120, FARE, 1.0, at(901)),
                new PaymentProcessed("r3", "pay-r3", FARE, at(901)));

        assertThat(audit.violations()).isEmpty();
        assertThat(audit.eventsChecked()).isEqualTo(12);
        assertThat(audit.unfinishedRides()).isZero();
    }

    @Test
    void outOfOrderEventIsAViolation() {
        LifecycleAudit audit = audit(requested("r1"), started("r1", "d1"));
        assertThat(audit.violations()).singleElement().asString().contains("r1").contains("RideStarted");
    }

    @Test
    void duplicateEventIsAViolation() {
        LifecycleAudit audit = audit(fullRide("r1", "d1"));
        feed(audit, paid("r1"));
        assertThat(audit.violations()).hasSize(1);
    }

    @Test
    void driverRuleComparesTimesNotLogPositions() {
        // r3 (d1, from 800 s) is read before r1 (d1, 1..721 s), as when partitions are read one after the other
        LifecycleAudit audit = audit(requested("r3"), new DriverAssigned("r3", "d1", UNION_SQUARE, 60, at(800)));
        feed(audit, fullRide("r1", "d1"));
        assertThat(audit.violations()).isEmpty();

        feed(audit, requested("r4"), new DriverAssigned("r4", "d1", UNION_SQUARE, 60, at(500)),
                new RideCancelled("r4", CancelReason.RIDER_CANCELLED, at(600)));
        assertThat(audit.violations()).singleElement().asString().contains("r4").contains("r1");
    }

    @Test
    void eventBeforeRequestIsAViolation() {
        assertThat(audit(assigned("r1", "d1")).violations()).hasSize(1);
    }

    @Test
    void driverOnTwoRidesAtOnceIsAViolation() {
        LifecycleAudit audit = audit(requested("r1"), requested("r2"), assigned("r1", "d1"), assigned("r2", "d1"));
        assertThat(audit.violations()).singleElement().asString().contains("d1").contains("r1");
    }

    @Test
    void driverIsFreeAgainAfterACancelledAssignment() {
        LifecycleAudit audit = audit(requested("r1"), assigned("r1", "d1"), cancelled("r1"),
                requested("r2"), new DriverAssigned("r2", "d1", UNION_SQUARE, 60, at(300)));
        assertThat(audit.violations()).isEmpty();
        assertThat(audit.unfinishedRides()).isEqualTo(1);
    }

    @Test
    void violationsAndUnfinishedRidesNameTheirPlaceInTheLog() {
        LifecycleAudit audit = new LifecycleAudit();
        audit.accept(requested("r1"), "ride-events/0@10");
        audit.accept(paid("r1"), "ride-events/0@11");
        audit.accept(requested("r2"), "ride-events/1@3");
        audit.accept(assigned("r2", "d1"), "ride-events/1@4");
        audit.accept(started("r2", "d1"), "ride-events/1@5");
        audit.accept(completed("r2", "d1"), "ride-events/1@6");

        assertThat(audit.violations()).containsExactly("r1: PaymentProcessed while requested (ride-events/0@11)");
        assertThat(audit.unfinished()).containsExactly("r1: ends requested, never ended (ride-events/0@10)",
                "r2: ends completed, never paid (ride-events/1@6)");
    }

    private static LifecycleAudit audit(RideEvent... events) {
        LifecycleAudit audit = new LifecycleAudit();
        feed(audit, events);
        return audit;
    }

    private static void feed(LifecycleAudit audit, RideEvent... events) {
        for (RideEvent e : events) {
            audit.accept(e);
        }
    }
}
