package io.ridematch.contract.time;

import java.time.Instant;

/** Simulation time is now {@code now}: services act on what is due. */
public record ClockTick(Instant now) {
}
