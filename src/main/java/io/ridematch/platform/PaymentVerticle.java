package io.ridematch.platform;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.RideCommand.ProcessPayment;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The payment service: charges every completed ride. The payment id derives from the ride id, so a charge
 * asked twice is the same charge, and the ride service refuses to pay a ride twice.
 */
public final class PaymentVerticle extends VerticleBase {

    private final DomainBus bus;

    public PaymentVerticle(DomainBus bus) {
        this.bus = bus;
    }

    @Override
    public Future<?> start() {
        return bus.<RideEvent>subscribe(Addresses.RIDE_EVENTS, this::handleRideEvent);
    }

    private void handleRideEvent(RideEvent event) {
        if (event instanceof RideCompleted completed) {
            bus.send(new ProcessPayment(completed.rideId(), "pay-" + completed.rideId(), completed.completedAt()));
        }
    }
}
