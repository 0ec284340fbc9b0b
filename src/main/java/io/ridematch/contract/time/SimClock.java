package io.ridematch.contract.time;

import java.time.Instant;

/** Simulation time. The core never reads the wall clock; whoever drives the simulation passes this in. */
public interface SimClock {

    Instant now();
}
