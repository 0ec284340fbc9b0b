package io.ridematch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.CommandAccepted;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.geo.LatLng;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bench's probe on a real event bus: a request sent, its assignment received, the time between. */
class RequestToAssignmentTest {

    private static final LatLng A = new LatLng(40.75, -73.98);
    private static final Instant T0 = Instant.parse("2026-03-02T13:00:00Z");

    private final Vertx vertx = Vertx.vertx();
    private final DomainBus bus = DomainBus.install(vertx);

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void measuresFromRequestSentToAssignmentReceived() throws Exception {
        RequestToAssignment probe = new RequestToAssignment(Duration.ZERO);
        probe.watch(bus).await(10, TimeUnit.SECONDS);
        bus.respond(Addresses.RIDE_COMMANDS, command -> new CommandAccepted(List.of())).await(10, TimeUnit.SECONDS);

        onBus(() -> bus.send(new RequestRide("ride-1", "rider-1", A, A, T0)));
        onBus(() -> bus.send(new RequestRide("ride-2", "rider-2", A, A, T0)));
        Thread.sleep(30);
        onBus(() -> bus.publish(new DriverAssigned("ride-1", "driver-1", A, 60, T0)));
        onBus(() -> bus.publish(new DriverAssigned("ride-9", "driver-2", A, 60, T0))); // not requested here

        assertThat(probe.requested()).isEqualTo(2);
        assertThat(probe.count()).isEqualTo(1);
        assertThat(probe.percentileMillis(50)).isGreaterThanOrEqualTo(30);
        assertThat(probe.keptUp()).as("one of two requests assigned").isFalse();

        onBus(() -> bus.publish(new DriverAssigned("ride-2", "driver-1", A, 60, T0)));
        assertThat(probe.count()).isEqualTo(2);
        assertThat(probe.keptUp()).isTrue();
    }

    @Test
    void requestsDuringTheWarmUpAreNotMeasured() throws Exception {
        RequestToAssignment probe = new RequestToAssignment(Duration.ofHours(1));
        probe.watch(bus).await(10, TimeUnit.SECONDS);
        bus.respond(Addresses.RIDE_COMMANDS, command -> new CommandAccepted(List.of())).await(10, TimeUnit.SECONDS);

        onBus(() -> bus.send(new RequestRide("ride-1", "rider-1", A, A, T0)));
        onBus(() -> bus.publish(new DriverAssigned("ride-1", "driver-1", A, 60, T0)));

        assertThat(probe.requested()).isZero();
        assertThat(probe.count()).isZero();
    }

    /** Runs on an event loop and waits until the bus is idle again, so what was sent has been handled. */
    private void onBus(Runnable action) throws Exception {
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> {
            action.run();
            bus.inFlight().settled(vertx.getOrCreateContext()).onComplete(done);
        });
        done.future().await(10, TimeUnit.SECONDS);
    }
}
