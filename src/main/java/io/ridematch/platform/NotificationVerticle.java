package io.ridematch.platform;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.platform.core.notify.Receipts;
import io.ridematch.platform.core.notify.Receipts.Receipt;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The notification service: sends the rider a receipt when a ride completes. One more subscriber to the ride
 * events; no other service knows it is there.
 */
public final class NotificationVerticle extends VerticleBase {

    private final DomainBus bus;
    private final Receipts receipts;

    public NotificationVerticle(DomainBus bus, Receipts receipts) {
        this.bus = bus;
        this.receipts = receipts;
    }

    @Override
    public Future<?> start() {
        return bus.<RideEvent>subscribe(Addresses.RIDE_EVENTS, event -> {
            if (event instanceof RideCompleted completed) {
                receipts.send(Receipt.of(completed));
            }
        });
    }
}
