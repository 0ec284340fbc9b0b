package io.ridematch.bus;

import io.ridematch.contract.RideEvent;
import java.util.List;

/**
 * Reply to a ride command: the events the ride service published when it accepted it, or, where several
 * platform processes share the city and another owns the ride's zone, that zone: the command went to its owner.
 */
public record CommandAccepted(List<RideEvent> events, Integer forwardedToZone) {

    public CommandAccepted(List<RideEvent> events) {
        this(events, null);
    }

    /** The command is in the log for the platform process that owns {@code zone}; it decides. */
    public static CommandAccepted forwarded(int zone) {
        return new CommandAccepted(List.of(), zone);
    }
}
