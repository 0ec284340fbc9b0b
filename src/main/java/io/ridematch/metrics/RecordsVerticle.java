package io.ridematch.metrics;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.DomainEvent;
import io.ridematch.platform.core.records.RunRecords;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Folds the ride and driver events on the bus into a run's {@link RunRecords}, for {@code --output}. */
public final class RecordsVerticle extends VerticleBase {

    private final DomainBus bus;
    private final RunRecords records;

    public RecordsVerticle(DomainBus bus, RunRecords records) {
        this.bus = bus;
        this.records = records;
    }

    @Override
    public Future<?> start() {
        return Future.join(bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, records::apply),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, records::apply));
    }
}
