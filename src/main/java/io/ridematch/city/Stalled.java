package io.ridematch.city;

import java.time.Duration;

/** A wait that ran out of time: the message says what was waited for and how long; the program exits with 1. */
public final class Stalled extends RuntimeException {

    Stalled(String what, Duration waited) {
        super("gave up after " + DurationText.format(waited) + " waiting for " + what, null, false, false);
    }
}
