package io.ridematch.chain;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.SurgeByZone;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.CompleteRide;
import io.ridematch.contract.RideCommand.FailPayment;
import io.ridematch.contract.RideCommand.ProcessPayment;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.SimClock;
import io.ridematch.json.Json;
import io.ridematch.platform.PaymentVerticle;
import io.ridematch.platform.core.notify.Receipts.Receipt;
import io.ridematch.platform.core.trip.TripSchedule;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The trip service of the chain: the same {@link TripSchedule} as the event-driven platform. Matching asks it to
 * start a trip ({@code POST /trips}), which it has the ride service record; at pickup and drop-off it calls the
 * ride service. A drop-off is one synchronous "end trip": the ride is completed, the fare charged through the
 * payment service (retried as often as the event-driven payment service retries a charge), the payment recorded,
 * and only then is the driver handed back to matching.
 */
public final class TripService extends VerticleBase {

    /** A charge the payment service is asked for. */
    record Charge(String rideId, String paymentId) {
    }

    /** What the payment service answers to a charge it took. */
    record Charged(String chargeId) {
    }

    private final DomainBus bus;
    private final SimClock clock;
    private final TripSchedule schedule;
    private final ServiceDirectory directory;
    private final CallPolicy policy;
    private final ChainStats stats;
    private ServiceEndpoint endpoint;
    private ServiceCall rides;
    private ServiceCall payment;
    private ServiceCall matching;
    private ServiceCall notifications;
    private Instant lastTick = Instant.EPOCH;

    public TripService(DomainBus bus, SimClock clock, TripSchedule schedule, ServiceDirectory directory,
                       CallPolicy policy, ChainStats stats) {
        this.bus = bus;
        this.clock = clock;
        this.schedule = schedule;
        this.directory = directory;
        this.policy = policy;
        this.stats = stats;
    }

    @Override
    public Future<?> start() {
        rides = new ServiceCall(vertx, bus, directory, ServiceDirectory.RIDES, policy, stats);
        matching = new ServiceCall(vertx, bus, directory, ServiceDirectory.MATCHING, policy, stats);
        notifications = new ServiceCall(vertx, bus, directory, ServiceDirectory.NOTIFICATIONS, policy, stats);
        // the same budget as the event-driven payment service: its attempts, its first backoff
        payment = new ServiceCall(vertx, bus, directory, ServiceDirectory.PAYMENT, new CallPolicy(policy.timeout(),
                PaymentVerticle.ATTEMPTS, Duration.ofMillis(200), policy.connections(), policy.waitQueue()), stats);
        endpoint = new ServiceEndpoint(ServiceDirectory.TRIPS, directory)
                .post("/ride-events/", (type, body, attempt) -> {
                    RideEvent event = Wire.event(type, body);
                    // a retried call tells a request twice; surge must count it once
                    if (!(event instanceof RideEvent.RideRequested) || !schedule.knows(event.rideId())) {
                        schedule.apply(event);
                    }
                    return Future.succeededFuture(ServiceEndpoint.EMPTY);
                })
                .post("/trips", (rest, body, attempt) -> rides.post("/commands/assign-driver", body, Wire::events)
                        .map(events -> {
                            events.forEach(schedule::apply);
                            return Wire.events(events);
                        })
                        .recover(TripService::passOn));
        return Future.join(endpoint.listen(vertx),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, schedule::apply),
                bus.subscribe(Addresses.CLOCK_TICK, this::handleTick),
                bus.respond(Addresses.QUERY_SURGE, ignored -> new SurgeByZone(schedule.surgeByZone(lastTick))));
    }

    @Override
    public Future<?> stop() {
        return Future.join(endpoint.close(), rides.close(), payment.close(), matching.close(), notifications.close());
    }

    private void handleTick(ClockTick tick) {
        lastTick = tick.now();
        for (RideCommand due : schedule.due(tick.now())) {
            if (due instanceof CompleteRide complete) {
                endTrip(complete);
            } else {
                record(due);
            }
        }
    }

    private Future<List<RideEvent>> record(RideCommand command) {
        return rides.post(Wire.pathOf(command), Json.write(command), Wire::events).onSuccess(events -> {
            events.forEach(schedule::apply);
        });
    }

    /**
     * Complete, charge, record the payment, each call waiting for the one before; then hand the driver back and send
     * the rider the receipt, both at once.
     */
    private void endTrip(CompleteRide complete) {
        String paymentId = "pay-" + complete.rideId();
        record(complete).compose(events -> {
            RideCompleted completed = events.stream().filter(RideCompleted.class::isInstance)
                    .map(RideCompleted.class::cast).findFirst().orElse(null);
            if (completed == null) {
                return Future.succeededFuture();
            }
            return payment.post("/charges", Json.write(new Charge(complete.rideId(), paymentId)), ok -> ok)
                    .compose(charged -> record(new ProcessPayment(complete.rideId(), paymentId, clock.now())),
                            failed -> record(new FailPayment(complete.rideId(), paymentId, failed.getMessage(),
                                    PaymentVerticle.ATTEMPTS, clock.now())))
                    // the receipt must not wait on matching: a slow matching service would keep it from the rider
                    .compose(paid -> Future.join(
                            matching.post(Wire.pathOf(completed), Json.write(completed), ok -> ok),
                            notifications.post("/receipts", Json.write(Receipt.of(completed)), ok -> ok)));
        });
    }

    /** A no from the ride service is this service's no too; anything else failed here. */
    private static Future<byte[]> passOn(Throwable failure) {
        if (failure instanceof ServiceCall.Refused refused) {
            return Future.failedFuture(new ServiceEndpoint.Problem(refused.status, refused.getMessage()));
        }
        return Future.failedFuture(new ServiceEndpoint.Problem(503, failure.getMessage()));
    }
}
