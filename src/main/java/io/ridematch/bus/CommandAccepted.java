package io.ridematch.bus;

import io.ridematch.contract.RideEvent;
import java.util.List;

/** Reply to a ride command the ride service accepted: the events it published. */
public record CommandAccepted(List<RideEvent> events) {
}
