package io.ridematch.bus;

import io.ridematch.contract.DomainEvent;
import io.vertx.core.Future;
import java.util.function.Consumer;

/** Where a read model takes the city's events from. */
public enum EventFeed {

    /** What this process publishes and receives on the bus: the whole city when one process decides it all. */
    BUS,

    /**
     * Every partition of the event log ({@code CityLogTail}): the whole city when several platform processes share
     * it, each deciding only its zones.
     */
    CITY_LOG;

    public Future<Void> subscribe(DomainBus bus, Consumer<DomainEvent> sink) {
        return switch (this) {
            case BUS -> Future.join(bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, sink),
                    bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, sink)).mapEmpty();
            case CITY_LOG -> bus.<LoggedEvents>subscribe(Addresses.CITY_LOG, batch -> batch.events().forEach(sink));
        };
    }
}
