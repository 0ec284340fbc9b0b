package io.ridematch.platform;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DispatchRound;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.AssignDriver;
import io.ridematch.platform.core.matching.DispatchBoard;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The matching service: keeps the dispatch board up to date from ride and driver events and, at each dispatch
 * round, asks the ride service to assign the drivers the matcher picked.
 */
public final class MatchingVerticle extends VerticleBase {

    private final DomainBus bus;
    private final DispatchBoard board;

    public MatchingVerticle(DomainBus bus, DispatchBoard board) {
        this.bus = bus;
        this.board = board;
    }

    @Override
    public Future<?> start() {
        return Future.join(
                bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, board::apply),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, board::apply),
                bus.subscribe(Addresses.CLOCK_DISPATCH, this::handleDispatch));
    }

    private void handleDispatch(DispatchRound round) {
        for (RideCommand command : board.dispatch(round.now())) {
            bus.send(command).onFailure(refused -> {
                if (command instanceof AssignDriver assignment) {
                    board.assignmentRefused(assignment);
                }
            });
        }
    }
}
