package io.ridematch.city;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.time.SteppedClock;
import io.ridematch.kafka.LogReader;
import io.ridematch.kafka.Topics;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * What a platform process rebuilt from the log before it took a command: every ride and driver event read from
 * offset 0 to the end and folded into each service's state, and the clock moved to the latest world time the
 * log shows (a simulator's last tick, or the latest event).
 *
 * @param events  the events folded in
 * @param rides   the rides the ride service knows after it
 * @param worldTime where the platform's clock stands now
 * @param seconds how long the read took
 */
public record Rebuilt(long events, long undecodable, int rides, Instant worldTime, double seconds) {

    /** Reads the log into {@code services} and moves {@code clock}; blocking, so run it off the event loop. */
    static Rebuilt fromLog(String bootstrapServers, SteppedClock clock, Consumer<DomainEvent> services,
                           IntSupplier rides) {
        long started = System.nanoTime();
        Instant[] latest = {clock.now()};
        LogReader.Summary read = LogReader.readAll(bootstrapServers, List.of(Topics.RIDE_EVENTS, Topics.DRIVER_EVENTS),
                event -> {
                    services.accept(event);
                    if (event.occurredAt().isAfter(latest[0])) {
                        latest[0] = event.occurredAt();
                    }
                });
        LogReader.lastWorldTime(bootstrapServers).filter(tick -> tick.isAfter(latest[0]))
                .ifPresent(tick -> latest[0] = tick);
        clock.advanceTo(latest[0]);
        return new Rebuilt(read.events(), read.undecodable(), rides.getAsInt(), latest[0],
                (System.nanoTime() - started) / 1e9);
    }
}
