package io.ridematch.kafka;

/** The topics of the event contract, plus the one that carries rider commands between processes. */
public final class Topics {

    /** Every ride event, keyed by ride id. */
    public static final String RIDE_EVENTS = "ride-events";
    /** Every driver event, keyed by driver id. */
    public static final String DRIVER_EVENTS = "driver-events";
    /** Records that could not be decoded, as received, with the error in the {@code ridematch_error} header. */
    public static final String DEAD_LETTERS = "ride-events.dlq";
    /** Rider commands (request, cancel) from a simulator or API in another process, keyed by ride id. */
    public static final String RIDE_COMMANDS = "ride-commands";

    /** The simulated world's clock: a simulator's ticks, which platform processes follow. One partition. */
    public static final String SIM_CLOCK = "sim-clock";

    private Topics() {
    }
}
