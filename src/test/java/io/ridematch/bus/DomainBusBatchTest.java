package io.ridematch.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.geo.LatLng;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events published in turns travel batched, and every subscriber still takes them in one by one, in order. */
class DomainBusBatchTest {

    private static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
    private static final LatLng HERE = new LatLng(40.75, -73.98);
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void eachSubscriberTakesEveryEventOfItsAddressInOrderAndTheBusSettles() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        List<DomainEvent> drivers = new CopyOnWriteArrayList<>();
        List<DomainEvent> alsoDrivers = new CopyOnWriteArrayList<>();
        List<DomainEvent> rides = new CopyOnWriteArrayList<>();
        bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, drivers::add).await(5, TimeUnit.SECONDS);
        bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, alsoDrivers::add).await(5, TimeUnit.SECONDS);
        bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, rides::add).await(5, TimeUnit.SECONDS);
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            events.add(i == 300 || i == 301 || i == 650
                    ? new RideRequested("ride-" + i, "rider-" + i, HERE, HERE, T0)
                    : new DriverLocationUpdated("driver-" + i, HERE, T0.plusSeconds(i)));
        }

        Promise<Void> after = Promise.promise();
        vertx.runOnContext(v -> bus.publishInTurns(events, after::complete));
        after.future().await(10, TimeUnit.SECONDS);
        Promise<Void> settled = Promise.promise();
        vertx.runOnContext(v -> bus.inFlight().settled(vertx.getOrCreateContext()).onComplete(settled));
        settled.future().await(10, TimeUnit.SECONDS);

        List<DomainEvent> driverEvents = events.stream().filter(e -> !(e instanceof RideRequested)).toList();
        assertThat(drivers).containsExactlyElementsOf(driverEvents);
        assertThat(alsoDrivers).containsExactlyElementsOf(driverEvents);
        assertThat(rides).extracting(e -> ((RideRequested) e).rideId())
                .containsExactly("ride-300", "ride-301", "ride-650");
        assertThat(bus.inFlight().pending()).isZero();
    }

    @Test
    void anEventWhoseHandlerFailsDoesNotCostTheRestOfItsBatch() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        vertx.exceptionHandler(e -> { }); // the failure is reported to Vert.x, as a lone event's would be
        List<String> taken = new CopyOnWriteArrayList<>();
        bus.<DriverLocationUpdated>subscribe(Addresses.DRIVER_EVENTS, e -> {
            if (e.driverId().equals("driver-2")) {
                throw new IllegalStateException("a handler's bug");
            }
            taken.add(e.driverId());
        }).await(5, TimeUnit.SECONDS);
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(new DriverLocationUpdated("driver-" + i, HERE, T0));
        }

        Promise<Void> after = Promise.promise();
        vertx.runOnContext(v -> bus.publishInTurns(events, after::complete));
        after.future().await(10, TimeUnit.SECONDS);
        Promise<Void> settled = Promise.promise();
        vertx.runOnContext(v -> bus.inFlight().settled(vertx.getOrCreateContext()).onComplete(settled));
        settled.future().await(10, TimeUnit.SECONDS);

        assertThat(taken).containsExactly("driver-0", "driver-1", "driver-3", "driver-4");
    }

    @Test
    void deliveriesHandedOverInOneTurnAreHandledBeforeTheirFuturesComplete() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        List<String> handled = new CopyOnWriteArrayList<>();
        bus.<DriverLocationUpdated>subscribe(Addresses.DRIVER_EVENTS, e -> handled.add(e.driverId()))
                .await(5, TimeUnit.SECONDS);
        bus.<DriverReport>subscribe(Addresses.DRIVER_REPORTS, r -> handled.add("report " + r.event().driverId()))
                .await(5, TimeUnit.SECONDS);

        Promise<List<String>> seenWhenDone = Promise.promise();
        vertx.runOnContext(v -> {
            DomainBus.Turns turns = bus.turns();
            List<io.vertx.core.Future<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                DriverLocationUpdated ping = new DriverLocationUpdated("driver-" + i, HERE, T0);
                futures.add(turns.publishAndTrack(ping));
                futures.add(turns.publishAndTrack(Addresses.DRIVER_REPORTS, new DriverReport(ping, 0, false)));
            }
            assertThat(handled).as("nothing goes out before the turn ends").isEmpty();
            io.vertx.core.Future.all(futures).onSuccess(all -> seenWhenDone.complete(List.copyOf(handled)));
        });

        List<String> seen = seenWhenDone.future().await(10, TimeUnit.SECONDS);
        assertThat(seen).filteredOn(h -> !h.startsWith("report")).containsExactly("driver-0", "driver-1", "driver-2");
        assertThat(seen).filteredOn(h -> h.startsWith("report"))
                .containsExactly("report driver-0", "report driver-1", "report driver-2");
        Promise<Void> settled = Promise.promise();
        vertx.runOnContext(v -> bus.inFlight().settled(vertx.getOrCreateContext()).onComplete(settled));
        settled.future().await(10, TimeUnit.SECONDS);
        assertThat(bus.inFlight().pending()).isZero();
    }
}
