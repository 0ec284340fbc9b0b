package io.ridematch.chain;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.CommandAccepted;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.DomainBus.Refusal;
import io.ridematch.contract.CancelReason;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.time.SimClock;
import io.ridematch.json.Json;
import io.ridematch.metrics.MatchLatency;
import io.ridematch.platform.core.ride.Decision;
import io.ridematch.platform.core.ride.RideBook;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;

/**
 * The ride service of the chain, and its front door: riders' commands come in on the bus (as in the event-driven
 * platform), the other services' over HTTP ({@code POST /commands/<kind>}). Each is decided by the same
 * {@link RideBook} as there and its events published for the world and the read side; then, before it answers,
 * the service makes the calls the chain needs: a new ride goes to matching (which quotes it with trips), and a
 * cancelled one to matching and trips. A request matching cannot take in is cancelled at once: the rider is told
 * no, where the event-driven platform would have queued it.
 */
public final class RideService extends VerticleBase {

    private final DomainBus bus;
    private final SimClock clock;
    private final MatchLatency matchLatency;
    private final ServiceDirectory directory;
    private final CallPolicy policy;
    private final ChainStats stats;
    private final RideBook book = new RideBook();
    private ServiceEndpoint endpoint;
    private ServiceCall matching;
    private ServiceCall trips;

    public RideService(DomainBus bus, SimClock clock, MatchLatency matchLatency, ServiceDirectory directory,
                       CallPolicy policy, ChainStats stats) {
        this.bus = bus;
        this.clock = clock;
        this.matchLatency = matchLatency;
        this.directory = directory;
        this.policy = policy;
        this.stats = stats;
    }

    @Override
    public Future<?> start() {
        matching = new ServiceCall(vertx, bus, directory, ServiceDirectory.MATCHING, policy, stats);
        trips = new ServiceCall(vertx, bus, directory, ServiceDirectory.TRIPS, policy, stats);
        endpoint = new ServiceEndpoint(ServiceDirectory.RIDES, directory).post("/commands/",
                (kind, body, attempt) -> decide(Wire.command(kind, body)).map(Wire::events)
                        .recover(RideService::asProblem));
        return Future.join(endpoint.listen(vertx),
                bus.respondLater(Addresses.RIDE_COMMANDS, (RideCommand command) -> decide(command)
                        .map(CommandAccepted::new)));
    }

    @Override
    public Future<?> stop() {
        return Future.join(endpoint.close(), matching.close(), trips.close());
    }

    /** Decides, publishes, then calls downstream; the answer is every event the command led to. */
    private Future<List<RideEvent>> decide(RideCommand command) {
        List<RideEvent> events;
        switch (book.decide(command, clock.now())) {
            case Decision.Accepted accepted -> events = accepted.events();
            case Decision.Rejected rejected -> {
                return Future.failedFuture(new Refusal(Refusal.Kind.ILLEGAL, rejected.reason()));
            }
            case Decision.Unknown unknown -> {
                return Future.failedFuture(new Refusal(Refusal.Kind.UNKNOWN, unknown.reason()));
            }
        }
        events.forEach(this::publish);
        List<Future<?>> calls = new ArrayList<>();
        List<RideEvent> answer = new ArrayList<>(events);
        for (RideEvent event : events) {
            if (event instanceof RideRequested requested) {
                calls.add(matching.post(Wire.pathOf(requested), Json.write(requested), ok -> ok)
                        .recover(failed -> cancel(requested).map(cancelled -> {
                            answer.addAll(cancelled);
                            return null;
                        })));
            } else if (event instanceof RideCancelled cancelled) {
                calls.add(tellCancelled(cancelled));
            }
        }
        return Future.all(calls).map(all -> answer);
    }

    /** Matching could not take the ride in: it is cancelled, and whoever heard of it is told. */
    private Future<List<RideEvent>> cancel(RideRequested requested) {
        List<RideEvent> events = switch (book.decide(new CancelRide(requested.rideId(), CancelReason.NO_DRIVER,
                clock.now()), clock.now())) {
            case Decision.Accepted accepted -> {
                stats.requestFailed();
                yield accepted.events();
            }
            case Decision.Rejected rejected -> {
                stats.gaveUpButServed(); // matching answered too late, and a driver is on the way already
                yield List.of();
            }
            case Decision.Unknown unknown -> List.of();
        };
        events.forEach(this::publish);
        return Future.all(events.stream().filter(RideCancelled.class::isInstance)
                .map(e -> (Future<?>) tellCancelled((RideCancelled) e)).toList()).map(all -> events);
    }

    /** A cancel is decided whatever matching and trips say; a call that fails is counted in the chain's stats. */
    private Future<Void> tellCancelled(RideCancelled cancelled) {
        byte[] body = Json.write(cancelled);
        return Future.join(matching.post(Wire.pathOf(cancelled), body, ok -> ok),
                        trips.post(Wire.pathOf(cancelled), body, ok -> ok))
                .<Void>mapEmpty().otherwiseEmpty();
    }

    private void publish(RideEvent event) {
        bus.publish(event);
        matchLatency.record(event);
    }

    private static Future<byte[]> asProblem(Throwable failure) {
        if (failure instanceof Refusal refusal) {
            return Future.failedFuture(new ServiceEndpoint.Problem(
                    refusal.kind() == Refusal.Kind.UNKNOWN ? 404 : 409, refusal.getMessage()));
        }
        return Future.failedFuture(failure);
    }
}
