package io.ridematch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.platform.core.readmodel.Outcomes;
import io.ridematch.platform.core.ride.LifecycleAudit;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole chain of verticles on one event bus: simulator, rides, matching, trips, payment, projection. */
@ExtendWith(VertxExtension.class)
class ServiceChainTest {

    private final List<RideEvent> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ridesFlowThroughEveryServiceAndObeyTheLifecycle(Vertx vertx, VertxTestContext test) {
        DomainBus bus = DomainBus.install(vertx);
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofMinutes(45), null, 0, 42, 0, null);

        bus.<RideEvent>subscribe(Addresses.RIDE_EVENTS, log::add)
                .compose(v -> City.start(vertx, bus, ScenarioFile.load("small-town"), config))
                .compose(city -> city.finished().compose(v -> city.stats()))
                .onComplete(test.succeeding(stats -> test.verify(() -> {
                    Outcomes o = stats.outcomes();
                    assertThat(o.requested()).isGreaterThan(100);
                    assertThat(o.completed()).isGreaterThan(50);
                    assertThat(o.paid()).isEqualTo(o.completed());
                    assertThat(o.requested()).isEqualTo(o.completed() + o.cancelled() + o.inFlight());

                    LifecycleAudit audit = new LifecycleAudit();
                    List<RideEvent> events = List.copyOf(log);
                    events.forEach(audit::accept);
                    assertThat(audit.violations()).isEmpty();
                    assertThat(audit.unfinishedRides()).isEqualTo(o.inFlight());
                    assertThat(count(events, RideRequested.class)).isEqualTo(o.requested());
                    assertThat(count(events, RideCompleted.class)).isEqualTo(o.completed());
                    assertThat(count(events, PaymentProcessed.class)).isEqualTo(o.paid());
                    assertThat(stats.kpis().utilisation()).isBetween(0.01, 1.0);
                    assertThat(stats.kpis().waitP95Seconds()).isGreaterThanOrEqualTo(stats.kpis().waitP50Seconds());
                    test.completeNow();
                })));
    }

    private static long count(List<RideEvent> events, Class<? extends RideEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }
}
