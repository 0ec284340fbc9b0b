package io.ridematch.bus;

import java.time.Instant;

/** The city has settled at {@code now}: matching pairs the rides still waiting. */
public record DispatchRound(Instant now) {
}
