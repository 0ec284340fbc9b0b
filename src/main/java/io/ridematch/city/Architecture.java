package io.ridematch.city;

import java.util.Arrays;
import java.util.Locale;

/** How the platform's services talk to each other: by events (the platform), or as a synchronous call chain. */
public enum Architecture {
    /** Services react to each other's events on the bus (and Kafka): the platform as it is built. */
    EVENTS,
    /** Each service behind an HTTP endpoint, calling the next with timeouts and retries ({@code io.ridematch.chain}). */
    SYNC;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code events} or {@code sync}; a one-line problem for anything else. */
    public static Architecture named(String name) {
        return Arrays.stream(values()).filter(a -> a.label().equals(name.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + name
                        + "' is not an architecture: use events or sync"));
    }
}
