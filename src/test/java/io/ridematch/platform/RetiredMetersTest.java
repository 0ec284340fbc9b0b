package io.ridematch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.time.SteppedClock;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A platform that loses its zones retires their services and builds new ones for the next: the payment breaker's
 * gauge must then read the new service, not the retired one, and its attempt counters go on counting.
 */
class RetiredMetersTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aRetiredPaymentServiceLetsGoOfItsGaugeAndTheNextOneBindsIt() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SteppedClock clock = new SteppedClock(Instant.parse("2026-03-02T07:00:00Z"));
        DomainBus first = bus.retirable();
        PaymentVerticle retired = new PaymentVerticle(first, clock, null, registry);
        vertx.deployVerticle(retired).await(10, TimeUnit.SECONDS);
        var counter = registry.find("ridematch_payment_attempts_total").tag("outcome", "charged").counter();
        assertThat(registry.find("ridematch_payment_breaker_state").gauge()).as("the gauge while it serves")
                .isNotNull();

        first.retire();
        assertThat(registry.find("ridematch_payment_breaker_state").gauge()).as("the gauge once it is retired")
                .isNull();

        vertx.deployVerticle(new PaymentVerticle(bus.retirable(), clock, null, registry)).await(10, TimeUnit.SECONDS);
        assertThat(registry.find("ridematch_payment_breaker_state").gauges()).as("gauges of the next service")
                .hasSize(1);
        assertThat(registry.find("ridematch_payment_attempts_total").tag("outcome", "charged").counter())
                .as("the attempts counter the next service counts on").isSameAs(counter);
    }

    @Test
    void theProcessBusIsNeverRetiredSoItsHooksNeverRun() {
        DomainBus bus = DomainBus.install(vertx);
        boolean[] ran = {false};
        bus.onRetire(() -> ran[0] = true);
        DomainBus door = bus.retirable();
        door.retire();
        assertThat(ran[0]).as("a hook of the process bus, after another door retired").isFalse();
    }
}
