package io.ridematch.kafka;

import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverOffer;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.WorldSettled;
import java.util.List;

/**
 * The topics of the event contract, plus those that carry, between a platform and its simulators, the riders'
 * commands, the drivers' offers and answers, and the world's clock.
 */
public final class Topics {

    /** Every ride event, keyed by ride id. */
    public static final String RIDE_EVENTS = "ride-events";
    /** Every driver event, keyed by driver id. */
    public static final String DRIVER_EVENTS = "driver-events";
    /** The event log proper: what read models and rebuilds fold. */
    public static final List<String> EVENT_LOG = List.of(RIDE_EVENTS, DRIVER_EVENTS);
    /** Records that could not be decoded, as received, with the error in the {@code ridematch_error} header. */
    public static final String DEAD_LETTERS = "ride-events.dlq";
    /**
     * Rider commands (request, cancel) from a simulator or API in another process, keyed by ride id; after each
     * step a simulator's "settled" on every partition, behind that step's commands.
     */
    public static final String RIDE_COMMANDS = "ride-commands";

    /** The simulated world's clock: a simulator's ticks, which platform processes follow. One partition. */
    public static final String SIM_CLOCK = "sim-clock";

    /**
     * A platform's snapshots of what it rebuilds from the log, so a restart reads a snapshot and the log after it
     * ({@link SnapshotStore}). One partition; old snapshots are deleted by size.
     */
    public static final String SNAPSHOTS = "platform-snapshots";

    /** Ride offers from the platform to the drivers' apps, keyed by driver id. */
    public static final String RIDE_OFFERS = "ride-offers";
    /** The drivers' answers to offers, keyed by driver id. */
    public static final String OFFER_ANSWERS = "offer-answers";

    private Topics() {
    }

    /** The one topic a record of the contract goes on; null for what never crosses processes. */
    public static String of(Object record) {
        return switch (record) {
            case RideEvent e -> RIDE_EVENTS;
            case DriverEvent e -> DRIVER_EVENTS;
            case RequestRide c -> RIDE_COMMANDS;
            case CancelRide c -> RIDE_COMMANDS;
            case ClockTick t -> SIM_CLOCK;
            case WorldSettled s -> RIDE_COMMANDS;
            case RideOffered o -> RIDE_OFFERS;
            case DriverOffer.Answer a -> OFFER_ANSWERS;
            default -> null;
        };
    }

    /** Whether {@code record}, decoded from {@code topic}, is of a kind that topic carries; others are dead-lettered. */
    public static boolean carries(String topic, Object record) {
        return topic.equals(of(record));
    }
}
