package io.ridematch.contract.time;

import java.time.Instant;

/** A clock that moves only when told to; readable from any thread. */
public final class SteppedClock implements SimClock {

    private volatile Instant now;

    public SteppedClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    public void advanceTo(Instant next) {
        if (next.isBefore(now)) {
            throw new IllegalArgumentException("time cannot go back from " + now + " to " + next);
        }
        now = next;
    }
}
