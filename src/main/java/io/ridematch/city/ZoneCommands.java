package io.ridematch.city;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.CommandAccepted;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.kafka.KafkaBridgeVerticle;
import io.ridematch.platform.core.readmodel.RideView;
import io.vertx.core.Future;
import java.util.function.Function;

/**
 * Where the HTTP API's ride commands go in a platform process that shares the city: to its own ride service when
 * it owns the ride's zone (the pickup's), else through Kafka to the zone's owner, so a ride is decided by one
 * process whichever the rider's client reached. A cancel finds its ride's pickup in the city-wide read model.
 */
final class ZoneCommands implements Function<RideCommand, Future<CommandAccepted>> {

    private final DomainBus bus;
    private final KafkaBridgeVerticle bridge;

    ZoneCommands(DomainBus bus, KafkaBridgeVerticle bridge) {
        this.bus = bus;
        this.bridge = bridge;
    }

    @Override
    public Future<CommandAccepted> apply(RideCommand command) {
        Future<Integer> zone = switch (command) {
            case RequestRide request -> Future.succeededFuture(bridge.zones().of(request.pickup()));
            case CancelRide cancel -> bus.<RideView>query(Addresses.QUERY_RIDE, cancel.rideId())
                    .map(ride -> bridge.zones().of(ride.pickup()));
            default -> null; // the platform's own steps of a ride, never a rider's
        };
        if (zone == null) {
            return bus.send(command);
        }
        return zone.compose(owner -> bridge.zonesOwned().contains(owner) ? bus.send(command)
                : bridge.forwardToOwner(command, owner));
    }
}
