package io.ridematch.chain;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DispatchRound;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.DriverReport;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverOffer.Answer;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.AssignDriver;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.time.SimClock;
import io.ridematch.json.Json;
import io.ridematch.platform.core.matching.DispatchBoard;
import io.ridematch.platform.core.matching.DispatchBoard.Round;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;

/**
 * The matching service of the chain: the same {@link DispatchBoard} and rounds as the event-driven platform, told
 * of rides by the ride service over HTTP ({@code POST /ride-events/<type>}) instead of reading their events. A new
 * ride is quoted by trips before matching answers; a driver who accepted an offer is assigned through trips
 * ({@code POST /trips}), which has the ride service record it. Drivers' reports and answers come from their apps on
 * the bus, as there.
 */
public final class MatchingService extends VerticleBase {

    private final DomainBus bus;
    private final SimClock clock;
    private final DispatchBoard board;
    private final Duration takesIn;
    private final ServiceDirectory directory;
    private final CallPolicy policy;
    private final ChainStats stats;
    private ServiceEndpoint endpoint;
    private ServiceCall trips;
    private ServiceCall rides;

    /** @param takesIn wall time the service takes to take in a ride event: the slow-matching knob, zero normally */
    public MatchingService(DomainBus bus, SimClock clock, DispatchBoard board, Duration takesIn,
                           ServiceDirectory directory, CallPolicy policy, ChainStats stats) {
        this.bus = bus;
        this.clock = clock;
        this.board = board;
        this.takesIn = takesIn;
        this.directory = directory;
        this.policy = policy;
        this.stats = stats;
    }

    @Override
    public Future<?> start() {
        trips = new ServiceCall(vertx, bus, directory, ServiceDirectory.TRIPS, policy, stats);
        rides = new ServiceCall(vertx, bus, directory, ServiceDirectory.RIDES, policy, stats);
        endpoint = new ServiceEndpoint(ServiceDirectory.MATCHING, directory)
                .post("/ride-events/", (type, body, attempt) -> takeIn(Wire.event(type, body), body));
        return Future.join(endpoint.listen(vertx),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, board::apply),
                bus.<DriverReport>subscribe(Addresses.DRIVER_REPORTS,
                        report -> board.report(report.event(), report.zone(), report.handedOver())),
                bus.<Answer>subscribe(Addresses.OFFER_ANSWERS, this::handleAnswer),
                bus.subscribe(Addresses.CLOCK_DISPATCH, this::handleDispatch));
    }

    @Override
    public Future<?> stop() {
        return Future.join(endpoint.close(), trips.close(), rides.close());
    }

    private Future<byte[]> takeIn(RideEvent event, byte[] body) {
        return slowly().compose(v -> {
            board.apply(event);
            return event instanceof RideRequested requested
                    ? trips.post(Wire.pathOf(requested), body, ok -> ServiceEndpoint.EMPTY)
                    : Future.succeededFuture(ServiceEndpoint.EMPTY);
        });
    }

    /** Completes after {@link #takesIn}, letting the clock go on meanwhile; at once without the knob. */
    private Future<Void> slowly() {
        if (takesIn.isZero()) {
            return Future.succeededFuture();
        }
        return bus.outsideTheStep(() -> vertx.timer(takesIn.toMillis()));
    }

    private void handleDispatch(DispatchRound round) {
        Round decided = board.dispatch(round.now());
        for (RideCommand command : decided.commands()) {
            rides.post(Wire.pathOf(command), Json.write(command), ok -> ok); // the ride service tells back
        }
        decided.offers().forEach(bus::publish);
    }

    private void handleAnswer(Answer answer) {
        board.answer(answer, clock.now()).ifPresent(this::assign);
    }

    private void assign(AssignDriver assignment) {
        trips.post("/trips", Json.write(assignment), Wire::events)
                .onSuccess(events -> events.forEach(board::apply))
                .onFailure(failed -> {
                    if (!(failed instanceof ServiceCall.Refused)) {
                        stats.assignmentFailed(); // the ride waits for the next round
                    }
                    board.assignmentRefused(assignment);
                });
    }
}
