package io.ridematch.domain.ride;

import static io.ridematch.domain.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.domain.event.RideEvent;
import org.junit.jupiter.api.Test;

class LifecycleAuditTest {

    @Test
    void completeAndCancelledRidesPass() {
        LifecycleAudit audit = audit(fullRide("r1", "d1"));
        feed(audit, requested("r2"), cancelled("r2"));
        feed(audit, fullRide("r3", "d1")); // the same driver again, after r1 completed

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
                requested("r2"), assigned("r2", "d1"));
        assertThat(audit.violations()).isEmpty();
        assertThat(audit.unfinishedRides()).isEqualTo(1);
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
