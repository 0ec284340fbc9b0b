package io.ridematch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.DomainBus;
import io.ridematch.contract.DriverOffer.OfferAccepted;
import io.ridematch.contract.DriverOffer.OfferDeclined;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.geo.LatLng;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bench's split of match latency, on two real event buses standing for a platform and a simulator. */
class LatencySplitTest {

    private static final LatLng A = new LatLng(40.75, -73.98);
    private static final Instant T0 = Instant.parse("2026-03-02T13:00:00Z");

    private final Vertx platformVertx = Vertx.vertx();
    private final Vertx simulatorVertx = Vertx.vertx();
    private final DomainBus platform = DomainBus.install(platformVertx);
    private final DomainBus simulator = DomainBus.install(simulatorVertx);

    @AfterEach
    void close() throws Exception {
        platformVertx.close().await(10, TimeUnit.SECONDS);
        simulatorVertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void eachLegIsTheTimeBetweenItsTwoSteps() throws Exception {
        LatencySplit split = new LatencySplit(Long.MIN_VALUE);
        split.watch(platform, simulator).await(10, TimeUnit.SECONDS);

        on(platform, platformVertx, () -> platform.publish(new RideRequested("ride-1", "rider-1", A, A, T0)));
        Thread.sleep(40); // the wait for the round
        on(platform, platformVertx, () -> platform.publish(new RideOffered("ride-1", "driver-1", A, T0)));
        on(simulator, simulatorVertx, () -> simulator.publish(new RideOffered("ride-1", "driver-1", A, T0)));
        on(simulator, simulatorVertx, () -> simulator.publish(new OfferAccepted("ride-1", "driver-1", T0)));
        Thread.sleep(20); // the answer's way back
        on(platform, platformVertx, () -> platform.publish(new OfferAccepted("ride-1", "driver-1", T0)));
        on(platform, platformVertx, () -> platform.publish(new DriverAssigned("ride-1", "driver-1", A, 60, T0)));

        assertThat(split.count()).isEqualTo(1);
        assertThat(split.percentileMillis(0, 50)).isGreaterThanOrEqualTo(40);
        assertThat(split.percentileMillis(3, 50)).isGreaterThanOrEqualTo(20);
        assertThat(split.text()).contains("request to offer (the round)").contains("(1 rides)");
    }

    @Test
    void aRideWhoseFirstOfferWasDeclinedOrThatWasNeverOfferedIsLeftOut() throws Exception {
        LatencySplit split = new LatencySplit(Long.MIN_VALUE);
        split.watch(platform, simulator).await(10, TimeUnit.SECONDS);

        on(platform, platformVertx, () -> platform.publish(new RideRequested("ride-1", "rider-1", A, A, T0)));
        on(platform, platformVertx, () -> platform.publish(new RideOffered("ride-1", "driver-1", A, T0)));
        on(simulator, simulatorVertx, () -> simulator.publish(new RideOffered("ride-1", "driver-1", A, T0)));
        on(simulator, simulatorVertx, () -> simulator.publish(new OfferDeclined("ride-1", "driver-1", T0)));
        on(platform, platformVertx, () -> platform.publish(new RideOffered("ride-1", "driver-2", A, T0)));
        on(simulator, simulatorVertx, () -> simulator.publish(new RideOffered("ride-1", "driver-2", A, T0)));
        on(simulator, simulatorVertx, () -> simulator.publish(new OfferAccepted("ride-1", "driver-2", T0)));
        on(platform, platformVertx, () -> platform.publish(new OfferAccepted("ride-1", "driver-2", T0)));
        on(platform, platformVertx, () -> platform.publish(new DriverAssigned("ride-1", "driver-2", A, 60, T0)));
        on(platform, platformVertx, () -> platform.publish(new RideRequested("ride-2", "rider-2", A, A, T0)));
        on(platform, platformVertx, () -> platform.publish(new DriverAssigned("ride-2", "driver-3", A, 60, T0)));

        assertThat(split.count()).isZero();
    }

    @Test
    void requestsDuringTheWarmUpAreLeftOut() throws Exception {
        LatencySplit split = new LatencySplit(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        split.watch(platform, simulator).await(10, TimeUnit.SECONDS);

        on(platform, platformVertx, () -> platform.publish(new RideRequested("ride-1", "rider-1", A, A, T0)));
        on(platform, platformVertx, () -> platform.publish(new RideOffered("ride-1", "driver-1", A, T0)));
        on(simulator, simulatorVertx, () -> simulator.publish(new RideOffered("ride-1", "driver-1", A, T0)));
        on(simulator, simulatorVertx, () -> simulator.publish(new OfferAccepted("ride-1", "driver-1", T0)));
        on(platform, platformVertx, () -> platform.publish(new OfferAccepted("ride-1", "driver-1", T0)));
        on(platform, platformVertx, () -> platform.publish(new DriverAssigned("ride-1", "driver-1", A, 60, T0)));

        assertThat(split.count()).isZero();
    }

    /** Runs on the bus's event loop and waits until that bus is idle again, so what was published was handled. */
    private static void on(DomainBus bus, Vertx vertx, Runnable action) throws Exception {
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> {
            action.run();
            bus.inFlight().settled(vertx.getOrCreateContext()).onComplete(done);
        });
        done.future().await(10, TimeUnit.SECONDS);
    }
}
