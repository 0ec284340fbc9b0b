package io.ridematch.world;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.world.core.CitySimulation;
import io.ridematch.world.core.CitySimulation.Step;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Instant;

/**
 * The load simulator: on every clock tick, the riders and drivers of the city do what is due, through the same
 * events and commands a real rider or driver app would send; its drivers answer the platform's ride offers.
 */
public final class SimulatorVerticle extends VerticleBase {

    private final DomainBus bus;
    private final CitySimulation simulation;

    public SimulatorVerticle(DomainBus bus, CitySimulation simulation) {
        this.bus = bus;
        this.simulation = simulation;
    }

    @Override
    public Future<?> start() {
        return Future.join(
                bus.<RideEvent>subscribe(Addresses.RIDE_EVENTS, simulation::observe),
                bus.<RideOffered>subscribe(Addresses.RIDE_OFFERS,
                        offer -> simulation.answer(offer).ifPresent(bus::publish)),
                bus.subscribe(Addresses.CLOCK_TICK, this::handleTick));
    }

    /**
     * The world ends: its drivers go offline, published before the future completes with the number of rides its
     * riders requested in all.
     */
    public Future<Long> signOff(Instant at) {
        Promise<Long> done = Promise.promise();
        context.runOnContext(v -> {
            simulation.signOff(at).forEach(bus::publish);
            done.complete(simulation.ridesRequested());
        });
        return done.future();
    }

    private void handleTick(ClockTick tick) {
        Step step = simulation.advanceTo(tick.now());
        bus.publishInTurns(step.driverEvents(), () -> step.rideCommands().forEach(bus::send));
    }
}
