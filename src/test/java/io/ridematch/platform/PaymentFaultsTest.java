package io.ridematch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.Role;
import io.ridematch.metrics.Metrics;
import io.ridematch.platform.core.payment.PaymentFaults;
import io.ridematch.platform.core.payment.PaymentFaults.Outage;
import io.ridematch.web.ApiSettings;
import io.ridematch.web.LiveMapSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The payment provider failing on purpose, in a drained small-town run at speed 60 (a simulated minute a second):
 * a third of the charge attempts declined and the provider down for two simulated minutes. Every completed ride
 * ends paid exactly once or with payment.failed; the breaker opens during the outage and is closed at the end.
 */
class PaymentFaultsTest {

    @Test
    void everyCompletedRideEndsPaidOnceOrFailedAndTheBreakerOpensDuringTheOutage() throws Exception {
        Scenario town = ScenarioFile.load("small-town").withPayment(new PaymentFaults(0.3, null, null,
                List.of(new Outage(LocalTime.of(7, 5), Duration.ofMinutes(2)))));
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofMinutes(15), LocalTime.of(7, 0), 60, 42,
                0, null, LiveMapSettings.defaults(), ApiSettings.defaults(), true);
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Vertx vertx = Metrics.vertxWith(registry, new VertxOptions());
        List<RideEvent> events = Collections.synchronizedList(new ArrayList<>());
        List<Double> breakerStates = Collections.synchronizedList(new ArrayList<>());
        try {
            DomainBus bus = DomainBus.install(vertx);
            bus.<RideEvent>subscribe(Addresses.RIDE_EVENTS, events::add).await(60, TimeUnit.SECONDS);
            City city = City.start(vertx, bus, Role.SIMULATE, town, config, null, "", registry)
                    .await(60, TimeUnit.SECONDS);
            long sampler = vertx.setPeriodic(50, id -> breakerStates.add(breakerState(registry)));
            city.finished().await(4, TimeUnit.MINUTES);
            vertx.cancelTimer(sampler);

            Map<String, Integer> paid = new HashMap<>();
            Map<String, Integer> failed = new HashMap<>();
            List<String> completed = new ArrayList<>();
            for (RideEvent e : List.copyOf(events)) {
                switch (e) {
                    case RideCompleted c -> completed.add(c.rideId());
                    case PaymentProcessed p -> paid.merge(p.rideId(), 1, Integer::sum);
                    case PaymentFailed f -> {
                        failed.merge(f.rideId(), 1, Integer::sum);
                        assertThat(f.attempts()).isEqualTo(PaymentVerticle.ATTEMPTS);
                    }
                    default -> {
                    }
                }
            }
            assertThat(completed).isNotEmpty();
            for (String ride : completed) {
                assertThat(paid.getOrDefault(ride, 0) + failed.getOrDefault(ride, 0)).as(ride).isEqualTo(1);
            }
            assertThat(paid.values()).allMatch(n -> n == 1);
            assertThat(registry.get("ridematch_payment_attempts_total").tag("outcome", "refused").counter().count())
                    .as("declined attempts").isPositive();
            assertThat(breakerStates).as("the breaker opened").contains(2.0);
            assertThat(breakerState(registry)).as("and is closed again at the end").isZero();
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    private static double breakerState(PrometheusMeterRegistry registry) {
        return registry.get("ridematch_payment_breaker_state").gauge().value();
    }
}
