package io.ridematch.platform;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DispatchRound;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.DriverReport;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverOffer.Answer;
import io.ridematch.contract.RideCommand.AssignDriver;
import io.ridematch.contract.time.SimClock;
import io.ridematch.platform.core.matching.DispatchBoard;
import io.ridematch.platform.core.matching.DispatchBoard.Round;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;

/**
 * The matching service: keeps the dispatch board up to date from ride and driver events; at each dispatch round
 * offers the rides the matcher picked to their drivers, and asks the ride service to assign a driver who accepted.
 */
public final class MatchingVerticle extends VerticleBase {

    private final DomainBus bus;
    private final SimClock clock;
    private final DispatchBoard board;
    private final Duration takesIn;

    public MatchingVerticle(DomainBus bus, SimClock clock, DispatchBoard board) {
        this(bus, clock, board, Duration.ZERO);
    }

    /**
     * @param takesIn wall time the service takes to take in a ride event (the slow-matching knob, zero normally):
     *                the events wait in order, and the clock does not wait for them
     */
    public MatchingVerticle(DomainBus bus, SimClock clock, DispatchBoard board, Duration takesIn) {
        this.bus = bus;
        this.clock = clock;
        this.board = board;
        this.takesIn = takesIn;
    }

    @Override
    public Future<?> start() {
        return Future.join(
                bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, this::takeIn),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, board::apply),
                bus.<DriverReport>subscribe(Addresses.DRIVER_REPORTS, report -> {
                    board.report(report.event(), report.zone(), report.handedOver());
                    handOver();
                }),
                bus.<Answer>subscribe(Addresses.OFFER_ANSWERS, this::handleAnswer),
                bus.subscribe(Addresses.CLOCK_DISPATCH, this::handleDispatch))
                .onSuccess(v -> handOver()); // what a rebuild left to hand on
    }

    private void takeIn(DomainEvent event) {
        if (takesIn.isZero()) {
            apply(event);
        } else {
            vertx.setTimer(takesIn.toMillis(), id -> apply(event));
        }
    }

    private void apply(DomainEvent event) {
        board.apply(event);
        handOver();
    }

    private void handleDispatch(DispatchRound round) {
        Round decided = board.dispatch(round.now());
        decided.commands().forEach(bus::send);
        decided.offers().forEach(bus::publish);
        handOver();
    }

    private void handleAnswer(Answer answer) {
        board.answer(answer, clock.now()).ifPresent(this::assign);
        handOver();
    }

    private void assign(AssignDriver assignment) {
        bus.send(assignment).onFailure(refused -> {
            board.assignmentRefused(assignment);
            handOver();
        });
    }

    /** Drivers who left this process's zones and hold nothing of it go to the owner of the zone they are in. */
    private void handOver() {
        for (var report : board.takeHandovers()) {
            bus.publish(Addresses.DRIVER_HANDOVERS, new DriverReport(report, -1, true));
        }
    }
}
