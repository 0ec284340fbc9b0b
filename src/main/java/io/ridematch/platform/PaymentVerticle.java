package io.ridematch.platform;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.RideCommand.ProcessPayment;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.time.ClockTick;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payment service: charges every completed ride. The payment id derives from the ride id, so a charge
 * asked twice is the same charge, and the ride service refuses to pay a ride twice. It knows which completed
 * rides are not paid yet; a platform restarted from the log charges those at its first step.
 */
public final class PaymentVerticle extends VerticleBase {

    private final DomainBus bus;
    /** Completed rides whose payment is not in the log yet, with their completion time. */
    private final Map<String, Instant> unpaid = new LinkedHashMap<>();
    private boolean restoredCharged;

    public PaymentVerticle(DomainBus bus) {
        this.bus = bus;
    }

    /** Folds one logged ride event in, before the service starts. */
    public void restore(RideEvent event) {
        track(event);
    }

    @Override
    public Future<?> start() {
        Future<Void> events = bus.subscribe(Addresses.RIDE_EVENTS, this::handleRideEvent);
        return unpaid.isEmpty() ? events : Future.join(events, bus.subscribe(Addresses.CLOCK_TICK, this::chargeRestored));
    }

    private void handleRideEvent(RideEvent event) {
        track(event);
        if (event instanceof RideCompleted completed) {
            charge(completed.rideId(), completed.completedAt());
        }
    }

    /** The first step after a restart: every completed ride the log shows unpaid is charged now. */
    private void chargeRestored(ClockTick tick) {
        if (!restoredCharged) {
            restoredCharged = true;
            Map.copyOf(unpaid).forEach(this::charge);
        }
    }

    private void track(RideEvent event) {
        switch (event) {
            case RideCompleted e -> unpaid.put(e.rideId(), e.completedAt());
            case PaymentProcessed e -> unpaid.remove(e.rideId());
            case RideRequested e -> {
                // nothing to pay yet
            }
            case DriverAssigned e -> {
            }
            case RideStarted e -> {
            }
            case RideCancelled e -> {
                // a cancelled ride is never charged
            }
        }
    }

    private void charge(String rideId, Instant completedAt) {
        bus.send(new ProcessPayment(rideId, "pay-" + rideId, completedAt));
    }
}
