package io.ridematch.contract.time;

import java.time.Instant;

/** The simulated world's time, as a simulator in another process announced it: a platform's clock follows it. */
public record WorldTime(Instant now) {
}
