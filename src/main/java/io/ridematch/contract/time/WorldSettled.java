package io.ridematch.contract.time;

import java.time.Instant;

/**
 * A simulator's world has done everything due at {@code now}: what it sent for that time went to the log ahead of
 * this. A platform following the world matches the rides waiting at {@code now} on it, as one process matches
 * once its step has settled, instead of a simulated second later at the world's next tick.
 */
public record WorldSettled(Instant now) {
}
